// Complexity and support tier: how hard the problems the job resolves are, and at which tier
// (1 first line, 2 escalations, 3 final point of escalation). Levels: routine, moderate, complex,
// expert. A job that refers or escalates problems to others works below them; one that receives
// escalations works above. Complex problems the job refers to someone else are not its own
// (referral refiner); "more complex" work of another class is not this one's (other-job refiner).
import type { Rule } from './rule.js'

export const complexityRules: Rule[] = [
  {
    id: 'complexity.routine.routine',
    factor: 'complexity',
    level: 'routine',
    pattern:
      '(?<!(?:complex|difficult) (?:and|or) )(?:routine|basic|simple|elementary|repetitive|repetitious|minor|standard|straightforward|well-defined|circumscribed|prescribed|common|recurring) (?:and (?:routine|repetitive|recurring|standard) )?(?:[\\w-]+ )?(?:advice|guidance|assistance|tasks?|problems?|issues?|requests?(?: for service)?|inquiries|enquiries|queries|questions|repairs?|troubleshooting|maintenance|support|duties|work|assignments?|technical (?:support|tasks|problems)|help desk (?:functions|tasks)|user support|computer support|hardware|software|calls)|(?:established|standard|defined),? (?:standard )?(?:processes|procedures|protocols) (?:which|that) cover|first point of contact|(?:follows?|following) (?:agreed|established|standard|documented) (?:procedures|scripts|processes)',
    specificity: 2,
    examples: [
      'Troubleshoots and diagnoses minor computer problems.',
      'Performs routine help desk tasks.',
      'Answers basic questions about software.',
    ],
    notExamples: [
      'Performs the full range of complex and routine duties.',
      'Knowledge of basic principles of accounting.',
      'Distinguished from the I level, which performs the more routine tasks.',
    ],
  },
  {
    id: 'complexity.routine.refers',
    factor: 'complexity',
    level: 'routine',
    pattern:
      '(?:refers?|referring|escalates?|escalating|forwards?|routes?|passes?|reports?) (?:\\w+ ){0,5}(?:problems|issues|requests|calls|tickets|incidents|matters|questions|situations)(?: \\w+){0,3} to (?:a |the |appropriate |more |other |second[- ]level |higher[- ]level |senior |tier (?:2|3|two|three) )?(?:\\w+ ){0,3}(?:supervisors?|supervision|staff|technicians|specialists|personnel|support|teams?|team leaders?|help desk|service desk|leads?|vendors?|tiers?|levels?|analysts|engineers|superiors?|managers?|management|colleagues|seniors|experts|resolver groups?|specialist teams?)|(?:secures?|securing|seeks?|seeking|obtains?|requests?) (?:the )?(?:assistance|help|guidance) (?:of|from) (?:a |the )?(?:higher[- ]level|senior|more experienced|technical|supervisory)|(?:when|if) unable to resolve',
    specificity: 2,
    note: 'A job that hands the harder problems to someone else works at the first tier.',
    examples: [
      'Refers unusual or difficult problems to supervision.',
      'Escalates complex issues to Tier 2 support.',
      'Securing the assistance of higher level information technology staff when necessary.',
      'Refers problems to the Help Desk if unable to resolve.',
    ],
    notExamples: ['Resolves problems escalated from first-level staff.'],
  },
  {
    id: 'complexity.moderate.moderate',
    factor: 'complexity',
    level: 'moderate',
    pattern:
      '(?:moderately|moderate(?:ly)?(?: to| and|/) ?(?:highly )?) ?complex|moderate (?:complexity|difficulty)|(?:simple|basic|routine) to (?:moderately |moderate )?(?:complex|difficult)|non-routine|varied (?:and (?:complex|technical) )?(?:tasks|problems|assignments|duties|work)|intermediate[- ]level (?:problems|support|tasks|troubleshooting)',
    specificity: 2,
    examples: [
      'Resolves moderately complex problems.',
      'Handles routine to moderately complex requests.',
      'Performs non-routine tasks.',
    ],
    notExamples: ['In contrast, the next higher class performs non-routine tasks.'],
  },
  {
    id: 'complexity.complex.complex',
    factor: 'complexity',
    level: 'complex',
    pattern:
      '(?<!more |less |most |moderately |moderate )(?:complex|difficult|complicated|challenging) (?:and (?:\\w+ ){0,2})?(?:technical |computer |hardware |software |network |system |user |support |multi-platform |cross-platform )?(?:problems?|issues?|repairs?|assignments?|tasks?|work|projects?|situations?|cases?|requests?|incidents?|troubleshooting|configurations?|applications?|environments?|support|systems?|maintenance|installations?|diagnos(?:is|es|tics))|of a (?:highly )?complex nature|an advanced level of (?:skills?|knowledge|expertise)|in-depth (?:technical |troubleshooting|analysis|knowledge|diagnosis)|advanced (?:technical|troubleshooting|support|diagnostic|problem)|multi-platform|cross-platform|technical expert(?!ise)',
    specificity: 2,
    examples: [
      'Performs complex and technical repair and maintenance.',
      'Resolves complex technical problems.',
      'Provides advanced technical support.',
    ],
    notExamples: [
      'Refers complex problems to the supervisor.',
      'Complex problems are referred to a senior technician.',
      'Assists higher-level staff with complex problems.',
    ],
  },
  {
    id: 'complexity.expert.most-complex',
    factor: 'complexity',
    level: 'expert',
    pattern:
      'most (?:complex|difficult|technically complex|challenging)|highest (?:level of )?(?:complexity|difficulty)|(?:technical|subject[- ]matter) (?:authority|expert)|expert resource|serves? as (?:an? |the )?(?:technical )?expert|expertise in (?:more than one|several|multiple) (?:disciplines?|areas?|fields?|specialt(?:y|ies)|technologies)|expert (?:level|in|knowledge|advice|technical)|(?:recognized|recognised|acknowledged) (?:as (?:an |the )?)?expert|highly (?:specialized|specialised|complex)|(?:consultant|advisor|adviser) to (?:the )?(?:\\w+ ){0,2}(?:directors?|managers?|management|executives?|leadership|senior|other|program managers?)|technical consulting|consulting services',
    specificity: 3,
    examples: [
      'Performs the most complex technical and operational support work.',
      'Serves as the technical authority for operational activities.',
      'Provides expert technical advice.',
    ],
    notExamples: [
      'Refers the most complex problems to the senior analyst.',
      'The latter performs the most complex duties assigned to the series.',
    ],
  },
  {
    id: 'tier.tier',
    factor: 'tier',
    level: 'tier',
    pattern:
      '(?:tier|level) ?-?(?<low>[123]|one|two|three|i{1,3})(?:(?: and(?:/or)?| or|/|-|&) ?(?:tier |level )?(?<high>[123]|one|two|three|i{1,3}))? (?:desktop |technical |it |user |end-user |customer )?(?:support|position|role|agent|triage|technical support|help ?desk|service desk|technician|analyst|specialist|incidents|issues|tickets|problems|calls|requests|escalations|response|branch|team|desk|engineer)|first point of contact|(?<ord>first|second|third|1st|2nd|3rd)(?:(?: and(?:/or)?| or|/|-) ?(?<ord2>first|second|third|1st|2nd|3rd))?[- ](?:level|line|tier)(?! (?:supervisor|manager|management))',
    specificity: 2,
    note: 'The tier the job works at; "escalates to tier 2" is the referral rule, and "from tier 1" the escalation-point rule.',
    examples: [
      'Provides Tier 1 support to end users.',
      'This is a Tier-1 desktop support position.',
      'Acts as first level help desk support.',
      'Provides tier 2 and tier 3 support.',
      'Provides second-level technical support.',
    ],
    notExamples: ['Escalates problems to second level support.', 'Reports to the first-level supervisor.'],
  },
  {
    id: 'tier.final-escalation',
    factor: 'tier',
    level: 'tier',
    pattern: '(?<ord>final|last|third) (?:point|level|line) of escalation|(?<ord2>final|last) escalation point',
    specificity: 3,
    examples: ['Serves as the final point of escalation for the help desk.'],
    notExamples: ['Final decisions on escalation rest with the manager.'],
  },
  {
    id: 'complexity.complex.escalation-point',
    factor: 'complexity',
    level: 'complex',
    pattern:
      '(?:final |primary |main |senior |technical |last )?(?:point|level) of escalation|escalation point|(?:problems|issues|calls|tickets|incidents|requests) (?:\\w+ ){0,3}escalated (?:from|by) (?:\\w+ ){0,3}(?:staff|technicians|tier|level|support|help desk|service desk|analysts|team)|(?:receives?|handles?|resolves?|takes?) (?:\\w+ ){0,2}escalat(?:ed|ions)',
    specificity: 3,
    examples: [
      'Serves as the final point of escalation for complex problems.',
      'Resolves issues escalated from first-level staff.',
      'Handles escalations from the service desk.',
    ],
    notExamples: ['Escalates issues to the next level.'],
  },
]
