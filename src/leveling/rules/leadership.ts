// Leadership exercised: whom the job leads, supervises or manages. Levels: none (the text says it
// supervises no one: this decides the track and is no evidence of a lower point), guides (trains,
// mentors, leads projects), leads (a lead worker directing others' day-to-day work without full
// supervisory authority), supervises (a first-line supervisor: assigns and reviews work, evaluates),
// manages (manages staff or a unit: hiring, performance management), manages_supervisors (through
// subordinate supervisors, several units). "May" and alternatives lower a step (modality refiner);
// knowledge, skills and abilities are not duties (qualification refiner).
import type { Rule } from './rule.js'

const staff =
  '(?:staff|employees|personnel|technicians|specialists|analysts|workers|team members|subordinates|others|a team|the team|teams|a staff|a unit|the unit|a group|the group|clerical|student (?:workers|assistants|staff|employees)|interns|contractors|(?:lower[- ]level|less experienced|junior|assigned|technical|professional|support|help desk|service desk|paraprofessional|clerical|subordinate) (?:\\w+ ){0,2}(?:staff|employees|personnel|technicians|workers|team members|positions))'

export const leadershipRules: Rule[] = [
  {
    id: 'leadership.none.does-not-supervise',
    factor: 'leadership',
    level: 'none',
    pattern:
      '(?:does|do|will|is|are) not (?:normally |typically |usually |formally )?(?:supervise|manage|have (?:formal )?supervisory|exercise (?:formal )?supervision)|(?:exercises?|has|have|with) no (?:direct |formal )?(?:supervision|supervisory (?:responsibilit\\w+|duties|authority)|direct reports|line management)|supervision (?:of others )?is not (?:a )?(?:required|responsibility)|supervision exercised:? (?:none|n/a|not applicable)|non-supervisory|no (?:staff|people) (?:management )?responsibilit\\w+|(?:direct )?supervisory responsibilit\\w*(?: for)?:? ?(?:none|n/a|nil|not applicable)|(?:number of )?(?:direct reports|staff supervised|staff managed|reports):? ?(?:none|nil|0|zero)\\b|line/staff authority:? ?-* ?individual contributor',
    specificity: 3,
    examples: [
      'Exercises no direct supervision over staff.',
      'This position does not supervise.',
      'Supervision of others is not required.',
      'Supervision Exercised: None.',
      'This is a non-supervisory position.',
      'Direct Supervisory Responsibility for: None',
    ],
    notExamples: ['Supervises the help desk staff.'],
  },
  {
    id: 'leadership.guides.trains',
    factor: 'leadership',
    level: 'guides',
    pattern: `(?:trains?|training|orients?|mentors?|mentoring|coaches|coaching|instructs?) (?:and (?:mentors?|guides?|assists?) )?(?:of )?(?:other |new |less experienced |lower[- ]level |junior )?${staff}|(?:provides?|providing|gives?|offers?) (?:work |technical |functional )?(?:guidance|direction|training|assistance|oversight) (?:and (?:training|assistance|instruction) )?to (?:other |new |less experienced |lower[- ]level |junior |subordinate )?(?:\\w+ ){0,3}${staff}|serves? as (?:a )?(?:technical )?(?:resource|mentor) (?:to|for) (?:other |less experienced )?(?:\\w+ ){0,2}${staff}|(?:is a |serves as a |acts as a )?mentor`,
    specificity: 2,
    examples: [
      'Trains new technicians.',
      'Provides work guidance to School Computer Technicians.',
      'Mentors less experienced staff.',
      'Provides technical guidance to lower-level staff.',
    ],
    notExamples: [
      'Trains users on new software.',
      'Receives guidance from senior staff.',
      'Provides training to end users.',
    ],
  },
  {
    id: 'leadership.guides.projects',
    factor: 'leadership',
    level: 'guides',
    pattern:
      '(?:leads?|leading|coordinates?|coordinating|manages?|managing) (?:small |large |technical |assigned |complex |major |various )?(?:\\w+ )?projects|project (?:lead|leader|coordinator|coordination)|technical lead(?!er)|(?:lead|direct) lower[- ]level|coordinates? (?:the )?(?:work of )?others',
    specificity: 1,
    examples: [
      'Leads small projects.',
      'Coordinates technical projects with vendors.',
      'Serves as technical lead on upgrades.',
    ],
    notExamples: ['Participates in projects led by others.'],
  },
  {
    id: 'leadership.leads.lead-worker',
    factor: 'leadership',
    level: 'leads',
    pattern:
      '(?:lead worker|working lead|team lead(?:er)?|lead (?:technician|specialist|analyst|person|position|role|capacity)|serves? as (?:a |the )?lead|acts? as (?:a |the )?(?:team )?lead(?:er)?)',
    specificity: 2,
    examples: ['Serves as a lead worker over technicians.', 'Acts as team leader for the service desk.'],
    notExamples: ['Reports to the team leader.', 'Works with the lead technician to resolve problems.'],
  },
  {
    id: 'leadership.leads.directs-work',
    factor: 'leadership',
    level: 'leads',
    pattern: `(?:directs?|directing|oversees?|overseeing|coordinates?|coordinating|leads?|leading|schedules?|scheduling|monitors?|monitoring|guides?|guiding) (?:and (?:monitors?|coordinates?|reviews?|tracks?|guides?|directs?) )?(?:the )?(?:day-to-day |daily |technical |functional )?(?:work|activities|efforts|assignments) of (?:other |the |lower[- ]level |less experienced |assigned )?(?:\\w+ ){0,2}${staff}|provides? (?:technical and functional |technical |functional )?oversight (?:over|of|to) (?:\\w+ ){0,3}${staff}|leads? (?:and coordinates )?(?:a |the )?(?:small |medium |large )?(?:team|group|staff|crew)(?! meetings)|day-to-day (?:work )?direction|leads/supervises|leadership of (?:[\\w-]+ ){0,4}(?:teams?|staff|groups?)|(?:acts?|acting|serves?|serving) as (?:the |a )?technical coordinator|oversees? (?:the )?(?:daily |day-to-day )?(?:[\\w-]+ ){0,3}(?:operations|activities|work)`,
    specificity: 2,
    examples: [
      'Directs the day-to-day work of a team of technicians.',
      'Provides technical and functional oversight over technical staff.',
      'Leads a team of support specialists.',
    ],
    notExamples: ['Works under the direction of the team lead.', 'Participates in team meetings.'],
  },
  {
    id: 'leadership.supervises.supervises',
    factor: 'leadership',
    level: 'supervises',
    pattern: `(?:supervises?|supervising|supervision of|supervisory (?:responsibility|authority) (?:for|over)|exercises? (?:direct |general |technical and functional )?supervision (?:over|of)|provides? (?:direct |close |general |day-to-day )?supervision (?:to|of|over)) (?:and (?:trains|evaluates|directs|coordinates) )?(?:the work of )?(?:a |an |the |one or more |two |three |four |five |several |assigned |subordinate |lower[- ]level |professional |technical |support |help desk |service desk |clerical |\\d+ )?(?:\\w+ ){0,3}(?:${staff}|technicians|operators|assistants|specialists|coordinators|representatives|clerks|team|unit|section|shift|desk|center|centre|function)|(?:supervises?|supervising)(?:,| and| or) [\\w,/ -]{0,80}?(?:to|of|for|over)? (?:the )?(?:\\w+ ){0,3}${staff}`,
    specificity: 3,
    examples: [
      'Supervises a team of technicians.',
      'Provides close supervision of three technicians.',
      'Exercises direct supervision over technical staff.',
      'Supervises the help desk.',
      'Supervise, mentor, and provide technical guidance to Help Desk staff.',
    ],
    notExamples: [
      'Under the supervision of the help desk manager.',
      'Works under close supervision of the unit supervisor.',
      'Knowledge of principles of supervision of staff.',
    ],
  },
  {
    id: 'leadership.supervises.supervisory-role',
    factor: 'leadership',
    level: 'supervises',
    pattern: `(?:first[- ]line |working |unit |shift |technical )?supervisor(?:y)? (?:position|role|class|level|duties|responsibilit\\w+)|(?:serves?|acts?|functions?) as (?:a |the )?(?:first[- ]line |working |unit |shift )?supervisor|(?:is |are )?(?:responsible|accountable) for (?:the )?(?:direct )?supervisi(?:on|ng) (?:of )?(?:the work of )?(?:\\w+ ){0,3}${staff}|(?:full )?supervisory (?:control|authority) (?:over|of|for)`,
    specificity: 2,
    examples: [
      'Serves as the first-line supervisor of the service desk.',
      'This is a supervisory position.',
      'Is responsible for supervising student staff.',
    ],
    notExamples: [
      'Assists the supervisor with scheduling.',
      'Refers problems to the supervisor.',
      'This is a non-supervisory position.',
      'Helpdesk Consultants are responsible for the supervision of a lab.',
      'Direct from a higher-level professional with assigned supervisory responsibilities.',
    ],
  },
  {
    id: 'leadership.supervises.assigns-reviews',
    factor: 'leadership',
    level: 'supervises',
    pattern: `(?:plans?|planning|assigns?|assigning|schedules?|scheduling|prioritizes?)(?:,? (?:and )?(?:assigns?|directs?|schedules?|reviews?|evaluates?|coordinates?|supervises?|monitors?))+ (?:the )?(?:work|activities|duties|assignments) of (?:\\w+ ){0,3}${staff}|(?:evaluates?|evaluating|appraises?|assesses?|assessing|reviews?) (?:the )?(?:job )?performance of (?:\\w+ ){0,2}${staff}|(?:conducts?|prepares?|completes?) (?:annual )?(?:employee )?performance (?:evaluations|appraisals|reviews)|(?:approves?|approving) (?:leave|time ?sheets|timecards|overtime)|(?:recommends?|effectively recommends?|participates? in) (?:the )?(?:selection|hiring|discipline|disciplinary action|appointment|promotion)|(?:selects?|hires?),? (?:trains?|orients?)`,
    specificity: 3,
    examples: [
      'Plans, assigns, and reviews the work of a staff operating computer consoles.',
      'Evaluates the performance of assigned staff.',
      'Conducts performance evaluations.',
      'Recommends hiring, discipline and termination.',
    ],
    notExamples: ['Reviews the work of vendors.', 'Assists in the selection of software.'],
  },
  {
    id: 'leadership.manages.staff',
    factor: 'leadership',
    level: 'manages',
    pattern: `(?:manages?|managing|management of|functional responsibility for the management of) (?:the )?(?:a |an |all |one or more |several |two or more )?(?:\\S+ ){0,3}(?:staff|employees|personnel|teams?|units?|sections?|offices?|divisions?|branch(?:es)?|service desk|help desk|departments?|functions?|operations)(?! (?:requests|tickets|calls|accounts|equipment|inventory|records|software|systems|databases|budgets?|funds|contracts|vendors|projects|relationships|assets))|full (?:management|managerial) responsibilit\\w+|line manag(?:es?|ing|ement of) (?:the |a |an |one |two |three )?(?:\\w+ ){0,4}(?:${staff}|assistants?|officers?|administrators?|advisers?|coordinators?)|(?:has|with) (?:\\w+ ){0,2}direct reports|line management|staff management|people management|managerial (?:position|oversight|responsibilit\\w+|authority)|responsible for (?:the )?hiring|(?:hires?|hiring),? (?:trains?|training|evaluates?|evaluating|supervises?|supervising|develops?|developing)|performance management of (?:\\w+ ){0,2}${staff}|(?:directs?|directing) (?:and manages )?(?:the )?(?:operations|activities|work|programs?) of (?:a |an |the )?(?:\\w+ ){0,3}(?:unit|section|division|branch|department|office|center|centre|function|service)`,
    specificity: 3,
    examples: [
      'Manages the service desk staff.',
      'Has four direct reports.',
      'Responsible for hiring, training and evaluating staff.',
      'Directs the operations of the technical support section.',
    ],
    notExamples: [
      'Manages service requests and tickets.',
      'Advises managers on performance management.',
      'Knowledge of performance management principles.',
    ],
  },
  {
    id: 'leadership.manages-supervisors.through-supervisors',
    factor: 'leadership',
    level: 'manages_supervisors',
    pattern:
      '(?:supervises?|supervising|manages?|managing|directs?|directing|oversees?|overseeing|leads?) (?:and (?:directs|coordinates|evaluates) )?(?:the work of )?(?:\\w+ ){0,3}(?:supervisors|managers|supervisory (?:staff|personnel|employees)|managerial staff|team leaders)|through (?:subordinate |first[- ]line |unit )?(?:supervisors|managers)|(?:supervisors|managers) report to|manages? (?:multiple|several|two or more) (?:\\w+ ){0,2}(?:teams|units|sections|functions|groups)|(?:subordinate|first[- ]line) supervisors',
    specificity: 3,
    examples: [
      'Manages three team supervisors.',
      'Directs the work of subordinate supervisors.',
      'Manages multiple IT functions through first-line supervisors.',
    ],
    notExamples: [
      'Reports to the managers of the department.',
      'Works with other managers.',
      'Advises managers on technical issues.',
    ],
  },
]
