// Scope: whether the job's responsibility reaches beyond its own cases and projects. Levels: unit
// (writes the unit's policies and procedures, plans its resources), contributes (to strategy or
// strategic planning), budget (owns or manages a budget), vendors (manages vendors or contracts),
// leads (sets strategy or direction for a function or the organisation). A budget the job only
// knows about or helps with is not its own (qualification and assisting refiners).
import type { Rule } from './rule.js'

export const scopeRules: Rule[] = [
  {
    id: 'scope.unit.policies',
    factor: 'scope',
    level: 'unit',
    pattern:
      '(?:develops?|developing|establish(?:es)?|establishing|writes?|writing|formulates?|formulating|sets?|implements?|implementing|recommends?|recommending|updates?|updating|revises?) (?:and (?:implements?|maintains?|enforces?|recommends?|updates?|revises?) )?(?:new |departmental |unit |operational |internal )?(?:\\S+ ){0,3}(?:policies|procedures|standards|guidelines|service level agreements|work methods)|resource (?:planning|requirements|allocation)|(?:unit|operational|annual) (?:plans|planning|goals and objectives)|(?:goals|objectives) (?:and (?:priorities|objectives) )?(?:for|of) the (?:unit|section|team|function)',
    specificity: 2,
    examples: [
      'Develops and implements unit policies and procedures.',
      'Recommends new operational policies.',
      'Participates in resource planning for the section.',
    ],
    notExamples: ['Follows established policies and procedures.', 'Knowledge of departmental policies.'],
  },
  {
    id: 'scope.contributes.strategy',
    factor: 'scope',
    level: 'contributes',
    pattern:
      '(?:contributes?|contributing|contributor|participates?|participating|assists?|assisting) (?:\\w+ ){0,2}(?:in|to|with) (?:the )?(?:\\w+ ){0,2}(?:strategy|strategic planning|strategic plans?|long-range planning|strategic (?:and \\w+ )?(?:\\w+ )?decisions)|strategic planning|IT strategy|technology (?:strategy|roadmap)|long[- ](?:range|term) (?:plans|planning|strategies)',
    specificity: 2,
    examples: ['Contributes to the IT strategy.', 'Participates in strategic planning for the department.'],
    notExamples: ['Knowledge of strategic planning principles.'],
  },
  {
    id: 'scope.budget.budget',
    factor: 'scope',
    level: 'budget',
    pattern:
      '(?:develops?|developing|prepares?|preparing|manages?|managing|administers?|administering|oversees?|overseeing|controls?|controlling|owns?|monitors?|monitoring|responsible for|accountable for) (?:and (?:manages?|monitors?|administers?|oversees?|controls?|justifies?) )?(?:the |a |an |annual |unit |departmental |section |operating |capital )?(?:\\w+ ){0,2}budgets?|budget (?:authority|responsibility|management|development|oversight|preparation|administration)|fiscal (?:management|responsibility|oversight)(?! (?:tasks|duties|support|activities|functions))|financial management|cost centre|cost center',
    specificity: 2,
    examples: [
      'Develops and manages the unit budget.',
      'Prepares the annual operating budget.',
      'Has budget authority for the section.',
    ],
    notExamples: [
      'Assists the manager with the budget.',
      'Knowledge of budget preparation.',
      'Performs fiscal management tasks such as posting invoices.',
    ],
  },
  {
    id: 'scope.vendors.vendors',
    factor: 'scope',
    level: 'vendors',
    pattern:
      'vendor (?:management|relations|relationships|contracts|performance|selection)|(?:manages?|managing|negotiates?|negotiating|administers?|administering|oversees?|overseeing) (?:\\w+ ){0,3}(?:vendors?|contracts|service providers|suppliers|outsourc\\w+)|contract (?:management|administration|negotiation)',
    specificity: 2,
    examples: ['Manages vendor relations.', 'Negotiates contracts with service providers.'],
    notExamples: ['Contacts the vendor for warranty repairs.', 'Receives equipment from the vendor.'],
  },
  {
    id: 'scope.leads.strategy',
    factor: 'scope',
    level: 'leads',
    pattern:
      '(?:leads?|leading|sets?|setting|directs?|directing|establish(?:es)?|defines?|determines?|develops?|developing|owns?) (?:the )?(?:\\w+ ){0,4}(?:strategy|strategic (?:direction|plan|vision)|vision and (?:direction|strategy)|direction (?:for|of) the (?:department|organization|organisation|function|division|agency|university|institution|service))|(?:organization|organisation|enterprise|agency|university|institution|campus|department)[- ]wide (?:strategy|direction|technology planning|IT planning)',
    specificity: 3,
    examples: [
      'Sets the strategic direction for the IT department.',
      'Leads the development of the technology strategy.',
    ],
    notExamples: ['Contributes to the IT strategy.', 'Implements the strategy set by the CIO.'],
  },
]
