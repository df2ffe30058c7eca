// Minimum qualifications: the degree a job asks and the years of experience. Education levels:
// high_school, certificate, associate, bachelor, master, doctorate. Experience rules capture the
// years (`low`, `high`, and `months` when the unit is months). Where the text gives alternatives
// ("a bachelor's degree OR three years of experience"), the least demanding path is the entry
// requirement (alternatives refiner); years a job asks of supervising, years that are only
// preferred, and equivalence clauses ("each year of education may substitute for ...") are not
// its minimum (qualification refiner).
import { numberPattern } from '../numbers.js'
import type { Rule } from './rule.js'

export const educationRules: Rule[] = [
  {
    id: 'education.doctorate',
    factor: 'education',
    level: 'doctorate',
    pattern: 'ph\\.? ?d\\.?|doctoral degree|doctorate',
    specificity: 2,
    examples: ['Requires a Ph.D. in computer science.', 'A doctorate in a related field.'],
    notExamples: ["A master's degree in information systems."],
  },
  {
    id: 'education.master',
    factor: 'education',
    level: 'master',
    pattern:
      "master'?s?(?: or higher)? degree|master'?s (?:in|of)|masters|m\\.? ?b\\.? ?a\\.?|(?:graduate|post-?graduate) degree|m\\.s\\. (?:degree|in)",
    specificity: 2,
    examples: ["Master's degree in information technology.", 'A graduate degree in a related field.', 'An MBA.'],
    notExamples: ["Bachelor's degree in computer science."],
  },
  {
    id: 'education.bachelor',
    factor: 'education',
    level: 'bachelor',
    pattern:
      "bachelor'?s?(?:'s)?(?: or higher)?(?: level)?(?: degree| of| in)?|baccalaureate|\\bb\\.? ?[as]\\.?(?:/b\\.? ?[as]\\.?)? (?:degree|in)|bs/ba|ba/bs|b\\.sc\\.?|bsc|(?:4|four)[- ]year (?:college |university )?(?:degree|course of study|program)|(?:college|university|undergraduate|first) degree|(?<!(?:associate'?s?|master'?s?|doctoral|graduate|two-year|2-year|aa|as|aas) )degree (?:in|from) (?:an? )?(?:accredited|recognized|computer|information|related|relevant|appropriate)|graduat(?:e|ion) (?:from|of) (?:an? )?(?:accredited )?(?:four-year )?(?:college|university)|(?:a |an )?(?:relevant |related |appropriate )?degree(?: or equivalent| or equivalent experience| level qualification)",
    specificity: 2,
    examples: [
      "Bachelor's degree in computer science or a related field.",
      'BS/BA in Information Technology.',
      'A B.S. degree in information systems.',
      'Graduation from an accredited four-year college or university.',
      'A relevant degree or equivalent experience.',
    ],
    notExamples: ["Associate's degree in computer technology.", 'High school diploma.'],
  },
  {
    id: 'education.associate',
    factor: 'education',
    level: 'associate',
    pattern:
      "associate'?s?(?:'s)?(?: or higher)?(?: level)? degree|associate'?s? (?:of|in) (?:applied )?(?:science|arts)|associate'?s? or equivalent|a\\.? ?a\\.? ?s\\.?(?: degree)?|\\ba\\.?[as]\\.? degree|(?:2|two)[- ]year (?:college |technical )?(?:degree|diploma|program)|(?:60|sixty) (?:semester |college |academic )?(?:semester |credit |quarter )?(?:hours|units|credits)|(?:hnd|higher national diploma|foundation degree)",
    specificity: 2,
    examples: [
      "Associate's degree in computer technology.",
      'AAS in Network Administration.',
      "Associate's or equivalent.",
      'Completion of sixty semester units of college coursework.',
    ],
    notExamples: ["Bachelor's degree.", 'Network Support Associate'],
  },
  {
    id: 'education.certificate',
    factor: 'education',
    level: 'certificate',
    pattern:
      '(?:technical|vocational|trade|post-secondary|college) (?:school |training )?(?:certificate|diploma|certification|coursework|training|program)|(?:certificate|diploma) (?:in|of) (?:computer|information|networking|electronics|IT)|(?:hnc|higher national certificate|nvq level [34]|level [34] (?:diploma|qualification|certificate))',
    specificity: 1,
    examples: [
      'Completion of a technical certificate program in computer repair.',
      'Vocational training in electronics.',
    ],
    notExamples: ['High school diploma.'],
  },
  {
    id: 'education.framework-level',
    factor: 'education',
    level: 'bachelor',
    pattern: '(?:NQF|NZQA|AQF) level (?<value>[4-9])',
    values: {
      '4': 'certificate',
      '5': 'certificate',
      '6': 'associate',
      '7': 'bachelor',
      '8': 'bachelor',
      '9': 'master',
    },
    specificity: 2,
    note: 'National qualification frameworks (South Africa NQF, New Zealand NZQA, Australia AQF): level 5 a certificate or diploma, 6 an advanced diploma or associate degree, 7 a bachelor degree, 8 honours, 9 a master.',
    examples: ['A relevant qualification at NQF Level 7.', { text: 'A diploma at NQF level 6.', level: 'associate' }],
    notExamples: ['Level 7 of the building.'],
  },
  {
    id: 'education.high-school',
    factor: 'education',
    level: 'high_school',
    pattern:
      'high school(?: diploma| graduation| education| or equivalent)?|ged|g\\.e\\.d\\.|secondary school (?:diploma|education|certificate)|(?:twelfth|12th) grade|gcses?|a[- ]levels?|leaving certificate|(?:hs|h\\.s\\.) diploma',
    specificity: 1,
    examples: [
      'High school diploma or GED.',
      'Graduation from high school or its equivalent.',
      'Equivalent to completion of the twelfth grade.',
    ],
    notExamples: ["Bachelor's degree."],
  },
]

const years = `(?<low>${numberPattern})(?: ?\\(\\d+(?:\\.\\d+)?\\))?(?: ?(?:-|to|or) ?(?<high>${numberPattern})(?: ?\\(\\d+(?:\\.\\d+)?\\))?)?(?<plus> ?\\+)?`

export const experienceRules: Rule[] = [
  {
    id: 'experience.years',
    factor: 'experience',
    level: 'years',
    pattern: `(?:(?:at least|a minimum of|minimum of|minimum|no less than|not less than|over|more than) )?${years} (?:or more )?(?:full[- ]time )?(?:\\(?paid\\)? )?(?<unit>years?|yrs?\\.?|months?)'?(?! (?:of age|old))(?: of| in)?(?: (?:full[- ]time|paid|progressively|increasingly|responsible|professional|technical|related|relevant|recent|general|specialized|specialised|qualifying|directly|applicable|practical|hands-on|work|working|\\w+ing|\\w+al|\\w+ed|[A-Z]{2,}|IT|computer|help desk|service desk|desktop|customer|user|end-user|technical support|support|information technology|and|or|,)){0,6} (?:experience|work|employment|service|support|background)`,
    specificity: 2,
    note: 'The least years the job asks: the low end of a range ("two to four years"); "two (2) years" reads the figure once.',
    examples: [
      'Two years of experience in computer support.',
      'Three (3) years of full-time paid experience.',
      'A minimum of 5+ years of related experience.',
      'Six months of help desk experience.',
      '2-4 years of progressively responsible IT experience.',
    ],
    notExamples: ['Must be 18 years of age.', 'The class was revised two years ago.'],
  },
  {
    id: 'experience.combined',
    factor: 'experience',
    level: 'years',
    pattern: `${years} (?<unit>years?)'? (?:of )?(?:post-secondary |postsecondary |college |university |relevant |related )?(?:education|training|study)(?:,)? (?:and/or|or|and|plus) (?:\\w+ ){0,3}(?:work )?experience`,
    specificity: 2,
    note: 'Education and experience counted together: the years are the total, however the two are mixed.',
    examples: ["Minimum of two years' post-secondary education or relevant work experience."],
    notExamples: ['Two years of experience.'],
  },
  {
    id: 'experience.years-label',
    factor: 'experience',
    level: 'years',
    pattern: `(?:years? (?:of )?experience|experience(?: required)?|minimum experience):? ${years} ?(?<unit>years?|yrs?\\.?|months?)?`,
    specificity: 2,
    examples: ['Experience: 3 years', 'Years of experience: 2-4'],
    notExamples: ['Experience with Windows 10.'],
  },
  {
    id: 'experience.none',
    factor: 'experience',
    level: 'none',
    pattern:
      'no (?:prior |previous |related |work )?experience (?:is )?(?:required|necessary|needed)|(?:without|with no|no) (?:prior |previous )?(?:related )?experience|experience (?:is )?not required',
    specificity: 2,
    examples: [
      'No experience is required.',
      'Prepares an employee with no related experience for entry into the series.',
    ],
    notExamples: ['Two years of related experience is required.'],
  },
]
