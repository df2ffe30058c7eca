// The level a job description names outright: in its text ("This is the journey level class in the
// series", "the entry/trainee level") and in its title ("Senior", "Lead", "Supervisor"). Levels:
// trainee, developing, journey, senior, lead, supervisor, manager, director. A level named for
// another class ("distinguished from the Senior ... in that the latter is the advanced journey
// level") is that class's (other-job refiner); a title's roman numeral places a job only among its
// own series (the ladder), not on the scale.
import type { Rule } from './rule.js'

export const levelRules: Rule[] = [
  {
    id: 'level.trainee.entry',
    factor: 'level',
    level: 'trainee',
    pattern:
      '(?:is|are|as) (?:the |an? )?(?:entry|trainee|training|apprentice(?:ship)?|beginning|introductory|developmental entry)(?:[- ]|/)(?:(?:trainee|training|entry)[- ])?level|(?:at|in) the (?:entry|trainee|training|apprentice|beginning|introductory)(?:[- ]|/)(?:(?:trainee|training|entry)[- ])?level|(?:entry|trainee|training)(?:[- ]level)?[- ](?:class|classification|position|role)|(?:first|lowest|beginning) (?:level|class) (?:in|of) the series|(?:is|are) (?:appointed|hired) (?:at|as) (?:the |a )?trainee|(?:performs?|perform) trainee[- ]level',
    specificity: 3,
    examples: [
      'Performs work at the beginning training level.',
      'This is beginning level communications work.',
      'This is the entry-level class in the series.',
      'Technical Support Specialist I is the entry/trainee level classification.',
      'This is technical support computing work at the trainee level.',
      'It is the training-level classification of the series.',
    ],
    notExamples: ['Provides entry-level support to users.', 'Trains entry-level technicians.'],
  },
  {
    id: 'level.trainee.student',
    factor: 'level',
    level: 'trainee',
    pattern:
      '(?:student|work[- ]study|part[- ]time student) (?:position|positions|employment|employee|employees|worker|workers|job|jobs|staff|technicians?|assistants?|consultants?)|(?:graduate and undergraduate|undergraduate) students|(?:open|available) to (?:all |current |enrolled )?students|(?:hourly|pay) rate:? \\$\\d{1,2}\\.\\d\\d',
    specificity: 2,
    note: 'A student job, paid by the hour, is the bottom of the scale whatever its duties.',
    examples: ['Many of the student workers are assigned via the Work Study program.', 'This is a student position.'],
    notExamples: ['Provides support to students and faculty.'],
  },
  {
    id: 'level.developing.assists',
    factor: 'level',
    level: 'developing',
    pattern:
      '(?:to |will )?assists? (?:the |a )?(?:senior |more senior |higher[- ]level )?(?:[\\w&/-]+ ){0,3}(?:officer|technician|specialist|analyst|engineer|administrator|manager|coordinator|staff) in (?:his|her|their|the) (?:duties|work|functions)|(?:deputi[sz]es|acts?) (?:for|in the absence of) the',
    specificity: 2,
    note: 'A post created to assist another in its duties sits below it.',
    examples: ['To assist the Parliamentary ICT Officer in his duties.'],
    notExamples: ['Assists users with their computers.'],
  },
  {
    id: 'level.developing.intermediate',
    factor: 'level',
    level: 'developing',
    pattern:
      '(?:intermediate|developmental|developing|working|advanced entry|second)(?:[- ]|/)level (?:class|classification|position|role|of|in)|(?:is|are) the (?:intermediate|developmental|second) (?:level|class)|intermediate proficiency level',
    specificity: 3,
    examples: [
      'This is the intermediate level in the series.',
      'At the Intermediate Proficiency Level work is generally associated with configuration.',
    ],
    notExamples: ['Resolves intermediate-level problems.'],
  },
  {
    id: 'level.journey.journey',
    factor: 'level',
    level: 'journey',
    pattern:
      '(?<!advanced )(?:fully (?:qualified|competent|proficient|functioning) )?journey(?:man|person|worker)?(?:[- ]| )?level|full[- ]performance(?: level)?|full[- ]working level|fully (?:qualified|competent|proficient|experienced) (?:level|professional|technician|specialist|class)|career[- ]level|(?:experienced|working) level (?:class|professional)',
    specificity: 3,
    examples: [
      'This is the journey level in the IT Operations Support series.',
      'This is the fully qualified journey-level classification.',
      'This is full performance technical support computing work.',
    ],
    notExamples: [
      'It is the advanced journey level.',
      'Distinguished from the Technician II, which is the journey level of the series.',
    ],
  },
  {
    id: 'level.senior.advanced',
    factor: 'level',
    level: 'senior',
    pattern:
      'advanced[- ]journey(?:[- ]level)?|(?:is|as) (?:a |the )?senior[- ]level|(?:at|in) the senior level|senior[- ]level (?:class|classification|position|role|professional)|advanced[- ]level (?:class|classification|position|in|of (?!skills?|knowledge|expertise|technical|support|service|proficiency))|(?:is|are) the advanced (?:level|class)|advanced proficiency level|(?:senior|experienced) (?:professional|specialist) level',
    specificity: 3,
    examples: [
      'It is the advanced journey level.',
      'This is a senior-level position.',
      'This is the advanced level class in the series.',
    ],
    notExamples: ['Distinguished from the Senior Technician in that the latter is the advanced journey level.'],
  },
  {
    id: 'level.lead.expert',
    factor: 'level',
    level: 'lead',
    pattern:
      '(?:lead|expert|principal|specialist|advanced senior|highest (?:technical |non-supervisory )?)(?:[- ]|/)level (?:class|classification|position|of|in)|(?:is|are) the (?:lead|expert|principal|highest|top) (?:technical |non-supervisory )?(?:level|class)|the highest (?:technical |non-supervisory |individual contributor )?level (?:of|in) the series',
    specificity: 3,
    examples: ['This is the advanced senior level class.', 'It is the highest technical level in the series.'],
    notExamples: ['Provides expert-level support.'],
  },
  {
    id: 'level.supervisor.supervisory-class',
    factor: 'level',
    level: 'supervisor',
    pattern:
      '(?:first[- ]line )?supervisory[- ](?:level|class|classification)|(?:is|are) the (?:first[- ]line )?supervisor(?:y)? (?:level|class)',
    specificity: 3,
    examples: ['This is the first-line supervisory level in the series.'],
    notExamples: ['Reports to the supervisory class above it.'],
  },
  {
    id: 'level.manager.management-class',
    factor: 'level',
    level: 'manager',
    pattern:
      '(?:management|managerial|manager)[- ](?:level|class|classification) (?:in|of|position)|(?:is|are) the (?:management|managerial) (?:level|class)',
    specificity: 3,
    examples: ['This is the management level in the series.'],
    notExamples: ['Reports to management-level staff.'],
  },
  {
    id: 'level.director.executive',
    factor: 'level',
    level: 'director',
    pattern:
      '(?:executive|department head|division head|director)[- ](?:level|class|classification)|(?:is|are) (?:the )?(?:department|division|agency) head|(?:chief|senior) (?:information|technology) officer',
    specificity: 3,
    examples: ['This is an executive-level class.', 'This class is the department head.'],
    notExamples: ['Reports to the Chief Information Officer.'],
  },
]

/** The title's own seniority words: read from the job's title line only. */
export const titleRules: Rule[] = [
  {
    id: 'title.trainee',
    factor: 'title',
    level: 'trainee',
    pattern:
      'trainee|apprentice|intern|internship|junior|jr\\.?|entry[- ]level|student|students|cadet|graduate (?:trainee|program)|tier (?:0|zero)',
    note: 'A trainee of any kind is a trainee: "Management Trainee", "Supervisory Control and Data Acquisition Operator Trainee".',
    specificity: 4,
    examples: [
      'IT Operations Support Apprentice',
      'Junior Desktop Technician',
      'Student Technician',
      'Computer Lab Assistants (student positions)',
      'Supervisory Control and Data Acquisition Operator Trainee',
    ],
    notExamples: ['Senior Technician'],
  },
  {
    id: 'title.associate',
    factor: 'title',
    level: 'developing',
    pattern: 'associate(?! (?:director|vice|dean|chief))|intermediate|tier (?:1|one)',
    specificity: 2,
    examples: ['Network Support Associate', 'IT Associate'],
    notExamples: ['Senior Analyst', 'Associate Director of IT'],
  },
  {
    id: 'title.senior',
    factor: 'title',
    level: 'senior',
    pattern: 'senior|sr\\.?|advanced|experienced|tier (?:3|three)',
    specificity: 2,
    examples: ['Senior Client Support Technician', 'Sr. Service Desk Analyst'],
    notExamples: ['Client Support Technician'],
  },
  {
    id: 'title.lead',
    factor: 'title',
    level: 'lead',
    pattern: 'lead(?! (?:to|by))|principal|expert|staff (?:engineer|analyst)|technical authority',
    specificity: 2,
    note: 'A lead may supervise no one: this places the upper individual-contributor points, not the track.',
    examples: ['Lead Desktop Engineer', 'Principal IT Analyst'],
    notExamples: ['Desktop Support Technician'],
  },
  {
    id: 'title.supervisor',
    factor: 'title',
    level: 'supervisor',
    pattern: 'supervisor|supervising|supervisory|team leader|team lead|section leader|shift leader|foreman|forewoman',
    specificity: 3,
    examples: [
      'Help Desk Supervisor',
      'Supervising Accounting Technician',
      'Service Desk Team Lead',
      'Supervisory IT Specialist',
    ],
    notExamples: ['Help Desk Analyst'],
  },
  {
    id: 'title.manager',
    factor: 'title',
    level: 'manager',
    pattern:
      'manager|head of (?:the )?(?:section|unit|team|service desk|help desk|desk|support)|(?:section|unit|branch|team) (?:head|chief)|mgr\\.?|mgt\\.?',
    specificity: 3,
    examples: ['Service Desk Manager', 'IT Manager II', 'User Support Mgt IV', 'Head of Service Desk'],
    notExamples: ['Systems Administrator'],
  },
  {
    id: 'title.director',
    factor: 'title',
    level: 'director',
    pattern: 'director|chief(?! (?:technician|operator|clerk))|head of|vice president|cio|cto',
    specificity: 2,
    examples: ['Director of IT Services', 'Chief Information Officer', 'Assistant Director, Client Services'],
    notExamples: ['Desktop Support Manager', 'Head of Service Desk'],
  },
]

/** The title's noun: what kind of job it names, which places it loosely (a technician below an engineer). */
export const roleRules: Rule[] = [
  {
    id: 'role.assistant',
    factor: 'role',
    level: 'assistant',
    pattern:
      'assistant(?! (?:director|manager|chief|head|vice))|clerk|operator|attendant|aide|helper|receptionist|representative',
    specificity: 1,
    examples: ['Computer Lab Assistant', 'Help Desk Clerk', 'Computer Operator'],
    notExamples: ['Assistant Director of IT'],
  },
  {
    id: 'role.technician',
    factor: 'role',
    level: 'technician',
    pattern: 'technician|technologist|tech|support worker|support officer|support assistant',
    specificity: 1,
    examples: ['Desktop Support Technician', 'Computer Technologist II'],
    notExamples: ['Desktop Engineer'],
  },
  {
    id: 'role.specialist',
    factor: 'role',
    level: 'specialist',
    pattern: 'specialist|analyst|officer|advisor|adviser|representative|consultant(?! (?:manager|director))',
    specificity: 1,
    examples: ['IT Support Specialist', 'Service Desk Analyst', 'ICT Support Officer'],
    notExamples: ['Desktop Technician'],
  },
  {
    id: 'role.engineer',
    factor: 'role',
    level: 'engineer',
    pattern: 'engineer|administrator|architect|developer|programmer',
    specificity: 1,
    examples: ['Desktop Engineer', 'Systems Administrator'],
    notExamples: ['Help Desk Technician'],
  },
  {
    id: 'role.coordinator',
    factor: 'role',
    level: 'coordinator',
    pattern: 'coordinator|co-ordinator',
    specificity: 1,
    note: 'A coordinator often coordinates a function or a programme without supervising it.',
    examples: ['Technology Coordinator'],
    notExamples: ['Technology Manager'],
  },
]
