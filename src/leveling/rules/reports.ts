// Whom the job reports to: a job under a team leader sits low, one under a director or an executive
// high. Levels name the superior's rank: lead (a team leader or lead worker), supervisor, manager,
// director, executive (a chief officer, a vice president, a dean or a department head).
import type { Rule } from './rule.js'

const rank =
  '(?<value>team leader|team lead|lead worker|lead|supervisor|manager|director|head|chief|officer|cio|cto|vice president|vp|president|dean|provost|executive|superintendent|commissioner|secretary|principal)'
const values = {
  'team leader': 'lead',
  'team lead': 'lead',
  'lead worker': 'lead',
  lead: 'lead',
  supervisor: 'supervisor',
  manager: 'manager',
  director: 'director',
  head: 'director',
  chief: 'executive',
  officer: 'executive',
  cio: 'executive',
  cto: 'executive',
  'vice president': 'executive',
  vp: 'executive',
  president: 'executive',
  dean: 'executive',
  provost: 'executive',
  executive: 'executive',
  superintendent: 'executive',
  commissioner: 'executive',
  secretary: 'executive',
  principal: 'director',
}

export const reportsRules: Rule[] = [
  {
    id: 'reports.reports-to',
    factor: 'reports',
    level: 'manager',
    pattern: `(?:reports?|reporting|responsible|accountable) (?:directly )?to:? (?:the |a |an |their |his or her |its )?(?:[\\w&/,'-]+ ){0,5}?${rank}(?! of)`,
    values,
    specificity: 2,
    examples: [
      { text: 'Reports to: Information Technology Team Leader', level: 'lead' },
      { text: 'The ICT Officer will report to the ICT Systems Manager.', level: 'manager' },
      { text: 'Reports directly to the Chief Information Officer.', level: 'executive' },
    ],
    notExamples: ['Reports problems to the vendor.', 'Prepares reports for the manager.'],
  },
  {
    id: 'reports.label',
    factor: 'reports',
    level: 'manager',
    pattern: `(?:supervisor|line manager|reporting line|reporting relationship):\\s*(?:the |a |an )?(?:[\\w&/,'-]+ ){0,5}?${rank}`,
    values,
    specificity: 2,
    examples: [{ text: 'Supervisor: Associate Director of Technology Support Services', level: 'director' }],
    notExamples: ['Supervisor training is provided.'],
  },
  {
    id: 'reports.under-direction-of',
    factor: 'reports',
    level: 'manager',
    pattern: `(?:under|receives?|with) (?:the )?(?:general |close |direct |administrative |immediate )?(?:direction|supervision|guidance|oversight) (?:of|from) (?:the |a |an |their |his or her )?(?:[\\w&/,'-]+ ){0,5}?${rank}(?! of)`,
    values,
    specificity: 1,
    examples: [
      { text: 'Under the direction of the Chief Technology Officer, plans and delivers support.', level: 'executive' },
      { text: 'Works under the supervision of the Help Desk Supervisor.', level: 'supervisor' },
    ],
    notExamples: ['Provides direction to the help desk staff.'],
  },
]
