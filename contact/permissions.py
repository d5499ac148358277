"""Who may do what at the front door: the `contact.*` permissions. (The front door's business rules have
`contact/rules.py`, so its permissions live here and are loaded by `ContactConfig.ready`.)"""

import rules

from cases.rules import is_citizen, is_manager, keeps_records

# Record a call or a form sent online, from the first screen to completion, and take over a draft.
rules.add_perm("contact.take_call", keeps_records)
# The front door's queues and completed contacts.
rules.add_perm("contact.view_contacts", keeps_records | is_manager)
# A citizen's own self-assessment, finished online, sent to the front door as an online contact.
rules.add_perm("contact.send_self_assessment", is_citizen)
# A referral made at the front door, followed to its outcome (reablement through its free weeks).
rules.add_perm("contact.follow_up_referral", keeps_records)
# A manager's decision on a safeguarding concern.
rules.add_perm("contact.decide_safeguarding", is_manager)
# The front door's measures over whole weeks.
rules.add_perm("contact.view_measures", is_manager)
