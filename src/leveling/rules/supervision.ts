// Supervision received (OPM FES factor 2, supervisory controls): how closely the job's work is
// directed and reviewed. Levels: close, moderate, general, minimal, independent. Whether a phrase
// is received or given ("provides close supervision of three technicians") is the direction
// refiner's; a concession ("although direction is provided, ...") the concession refiner's.
import type { Rule } from './rule.js'

export const supervisionRules: Rule[] = [
  {
    id: 'supervision.close.under-close',
    factor: 'supervision',
    level: 'close',
    pattern:
      '(?:under|receives?|with|requires?) (?:the )?(?:close|direct|immediate|continuous|constant|detailed) (?:supervision|guidance|direction)|works? under direction(?!,? (?:of|from)\\b)',
    specificity: 3,
    examples: [
      'Under immediate supervision, performs routine tasks.',
      'Works under close supervision of the help desk supervisor.',
      'Receives direct supervision from a senior technician.',
    ],
    notExamples: [
      'Provides close supervision of three technicians.',
      'Exercises direct supervision over assigned staff.',
      'Works without close supervision.',
    ],
  },
  {
    id: 'supervision.close.bare',
    factor: 'supervision',
    level: 'close',
    pattern: '(?:close|direct|immediate) supervision',
    specificity: 2,
    examples: ['Close supervision is maintained over most facets of the work.'],
    notExamples: [
      'Provides close supervision of three technicians.',
      'Exercises direct supervision over technicians and clerical staff.',
      'Works without close supervision on most assignments.',
    ],
  },
  {
    id: 'supervision.close.instructions',
    factor: 'supervision',
    level: 'close',
    pattern:
      '(?:with|from|following|follows?|according to|under|receives?|given|per|on) (?:the )?(?:detailed|specific|step-by-step|explicit) (?:verbal(?:/| or | and )written |oral(?:/| or | and )written )?(?:instructions|guidelines and instructions|direction)|(?:detailed|specific) instructions (?:are|is) (?:provided|given)|closely (?:supervised|reviewed|monitored|checked)|(?:work|assignments) (?:is|are) (?:closely )?(?:checked|reviewed) (?:frequently|closely|in progress|for accuracy at every stage)',
    specificity: 2,
    examples: [
      'Most duties are performed with detailed verbal/written instructions.',
      'Work is closely reviewed by the supervisor.',
    ],
    notExamples: ['Writes detailed instructions for users.', 'Gives specific instructions to student workers.'],
  },
  {
    id: 'supervision.close.direction-and-assistance',
    factor: 'supervision',
    level: 'close',
    pattern:
      '(?:with|under) (?:the )?(?:direction|guidance) and (?:assistance|instruction) (?:of|from) (?:others|more experienced|senior|higher)|(?:under|with) (?:the )?(?:guidance|direction|supervision) of (?:more experienced|senior|higher[- ]level) (?:staff|technicians|employees|personnel|team members)',
    specificity: 3,
    examples: [
      'Duties are structured and performed with direction and assistance from others.',
      'Learns to provide support under the direction of more experienced staff.',
    ],
    notExamples: ['Provides direction and assistance to others.'],
  },
  {
    id: 'supervision.moderate.moderate',
    factor: 'supervision',
    level: 'moderate',
    pattern: '(?:moderate|some) (?:supervision|direction|guidance)',
    specificity: 2,
    examples: ['Works under moderate supervision.', 'Receives some direction on new assignments.'],
    notExamples: ['Exercises moderate supervision over student staff.'],
  },
  {
    id: 'supervision.general.general',
    factor: 'supervision',
    level: 'general',
    pattern: 'general (?:supervision|guidance)',
    strength: 0.5,
    specificity: 1,
    note: 'A stock phrase of class specifications, printed from technicians to supervisors: weak evidence.',
    examples: [
      'Under general supervision, performs technical support work.',
      'Receives general supervision from the IT manager.',
    ],
    notExamples: [
      'Exercises general supervision over the help desk staff.',
      'Provides general supervision to lower-level technicians.',
    ],
  },
  {
    id: 'supervision.general.general-direction',
    factor: 'supervision',
    level: 'general',
    pattern: 'general direction|(?:some |general )?direction (?:is|are) (?:provided|given)',
    strength: 0.5,
    specificity: 1,
    note: 'Used at journey levels by some employers and for managers by others: weak evidence.',
    examples: ['Under general direction, provides technical support.', 'Direction is provided by the help desk lead.'],
    notExamples: ['Provides general direction to the unit.'],
  },
  {
    id: 'supervision.general.under-supervision-of',
    factor: 'supervision',
    level: 'general',
    pattern:
      '(?:under|receives?) (?:the )?(?:supervision|direction) (?:of|from) (?:a|an|the|assigned|designated)|works? under (?:the )?supervision of|(?:reports|reporting) (?:directly )?to (?:a|an|the) (?:\\w+ ){0,3}(?:supervisor|manager|lead)|(?:is|are) (?:supervised|directed) by',
    strength: 0.5,
    specificity: 1,
    examples: [
      'Works under the supervision of the Help Desk Manager.',
      'Receives supervision from assigned supervisory staff.',
      'Reports to the IT Operations Manager.',
    ],
    notExamples: ['Supervision of a team of technicians.', 'The supervisor reports to the director.'],
  },
  {
    id: 'supervision.general.occasional-instruction',
    factor: 'supervision',
    level: 'general',
    pattern:
      '(?:only )?occasional (?:instruction|assistance|guidance|supervision)|(?:work|assignments) (?:is|are) (?:normally |generally )?reviewed (?:upon|on|after) completion|(?:general|periodic) review of (?:work|results)|(?:works?|performs?) (?:\\w+ ){0,2}within (?:established|defined) (?:guidelines|procedures|policies)',
    specificity: 3,
    note: 'The journey level of California-style class specifications: "receive only occasional instruction or assistance as new or unusual situations arise".',
    examples: [
      'Employees at this level receive only occasional instruction or assistance as new or unusual situations arise.',
      'Work is reviewed upon completion for technical soundness.',
    ],
    notExamples: ['Provides occasional instruction to student assistants.'],
  },
  {
    id: 'supervision.minimal.minimal',
    factor: 'supervision',
    level: 'minimal',
    pattern: '(?:minimal|little|limited|minimum) (?:supervision|direction|guidance|oversight)',
    specificity: 2,
    examples: [
      'Works with minimal supervision.',
      'Performs the full range of duties with limited supervision.',
      'Requires little direction.',
    ],
    notExamples: [
      'Provides minimal supervision to interns.',
      'Ability to perform job with minimal supervision is not required at this level.',
    ],
  },
  {
    id: 'supervision.minimal.without-close',
    factor: 'supervision',
    level: 'minimal',
    pattern: 'without (?:close|direct|detailed|immediate) (?:supervision|instructions|direction)',
    specificity: 2,
    examples: ['Works without close supervision on most assignments.'],
    notExamples: ['Cannot work without close supervision.'],
  },
  {
    id: 'supervision.minimal.independently',
    factor: 'supervision',
    level: 'minimal',
    pattern:
      '(?:works?|working|performs?|performing|functions?|operates?|acts?|resolves?|resolving|completes?|completing|handles?|handling|carries out|plans?) (?:\\w+ ){0,6}(?:independently|autonomously|on (?:his|her|their) own initiative)|independently (?:\\w+ ){0,2}(?:performs?|performing|completes?|completing|resolves?|resolving|provides?|providing|handles?|handling|carries out|manages?|managing)|(?:independent|considerable|wide|broad) (?:latitude|discretion|independence|judgment|judgement)|(?:with|exercises?) (?:considerable )?(?:independence|latitude)',
    specificity: 2,
    examples: [
      'Works independently on assigned projects.',
      'Resolves most problems independently.',
      'Exercises considerable independent judgment.',
    ],
    notExamples: [
      'Learns to work independently as experience is gained.',
      'Does not work independently.',
      'Ability to work independently.',
    ],
  },
  {
    id: 'supervision.minimal.under-direction',
    factor: 'supervision',
    level: 'minimal',
    pattern: '(?<!works? |work is performed |performs? (?:\\w+ ){0,3})under direction(?!,? (?:of|from)\\b)(?=,)',
    specificity: 2,
    note: 'In class specifications written the Californian way, bare "under direction" is the senior and supervisory level, above "general supervision"; "under the direction of X" only names who directs.',
    examples: ['Under direction, plans, organizes and supervises the work of the help desk.'],
    notExamples: [
      'Works under the direction of the Chief Technology Officer.',
      'Under direction of the IT manager, installs software.',
      'Works under direction.',
    ],
  },
  {
    id: 'supervision.minimal.consults',
    factor: 'supervision',
    level: 'minimal',
    pattern:
      '(?:consult(?:s|ing)?|confer(?:s|ring)?) with (?:a |the |their |his or her )?(?:manager|supervisor|superior) (?:\\w+ ){0,3}(?:on|about|regarding) (?:\\w+ ){0,2}(?:sensitive|unusual|critical|complex|difficult|policy)|(?:work|results) (?:is|are) reviewed (?:only )?(?:for|in terms of) (?:overall )?(?:results|effectiveness|objectives)',
    specificity: 3,
    examples: [
      'Resolves most issues, consulting with the manager on sensitive or critical ones.',
      'Work is reviewed for overall results.',
    ],
    notExamples: ['Consults with the supervisor on all problems.'],
  },
  {
    id: 'supervision.independent.administrative',
    factor: 'supervision',
    level: 'independent',
    pattern:
      '(?:administrative|broad|general policy|broad policy|executive) (?:direction|guidance|supervision)|without (?:any )?(?:supervision|oversight)(?! (?:of|over))|fully autonomous(?:ly)?|sets (?:own|his or her own|their own) (?:priorities|objectives)',
    specificity: 3,
    examples: [
      'Under administrative direction, directs the information technology department.',
      'Works without supervision.',
    ],
    notExamples: ['Provides administrative direction to staff.', 'Works without supervision of others.'],
  },
  {
    id: 'supervision.named-from',
    factor: 'supervision',
    level: 'general',
    pattern:
      '(?<![\\w,] )(?<value>close|direct|immediate|general|limited|minimal|broad|moderate|administrative)(?: supervision| direction| guidance)? (?:is )?(?:received )?(?:from|by) (?:a|an|the) (?:[\\w-]+ ){0,4}(?:supervisor|manager|director|superior|professional|lead|chief|officer|head|staff|administrator|coordinator)',
    values: {
      close: 'close',
      direct: 'close',
      immediate: 'close',
      general: 'general',
      moderate: 'moderate',
      limited: 'minimal',
      minimal: 'minimal',
      broad: 'independent',
      administrative: 'independent',
    },
    specificity: 3,
    note: 'The value of a "Supervision received" section, written as the sentence that follows its label: "Direct from a higher-level professional ...".',
    examples: [
      {
        text: 'Direct from a higher-level IT Statewide professional with assigned supervisory responsibilities.',
        level: 'close',
      },
      { text: 'General supervision from the IT manager.', level: 'general' },
    ],
    notExamples: ['Purchases equipment direct from the manufacturer.'],
  },
  {
    id: 'supervision.label',
    factor: 'supervision',
    level: 'general',
    pattern:
      'supervision received:? (?:is )?(?<value>close|direct|immediate|general|moderate|minimal|limited|independent)',
    values: {
      close: 'close',
      direct: 'close',
      immediate: 'close',
      general: 'general',
      moderate: 'moderate',
      minimal: 'minimal',
      limited: 'minimal',
      independent: 'independent',
    },
    specificity: 4,
    note: 'A labelled value; the level is the value named.',
    examples: [
      'Supervision Received: General',
      { text: 'Supervision received: close', level: 'close' },
      { text: 'Supervision received: minimal', level: 'minimal' },
    ],
    notExamples: ['Supervision exercised: general'],
  },
]
