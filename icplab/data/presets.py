"""Built-in ``[columns]`` mappings for the exports of common outreach tools and CRMs.

Each preset is written exactly as a user would write ``[columns]`` in ``icplab.toml``
(CONTRACT section 6), with one extension: ``from`` may list several headers, and the first
one the file has is used (tools rename columns between versions and languages). An entry
whose headers are all absent is skipped, so a column the export lacks can still come
from a header of the contract itself; keys a user gives in ``[columns]`` beside
``preset = "NAME"`` replace the preset's entry for that column.

``docs/presets.md`` documents every preset: the headers it expects, where they come from
in the tool, and what to override.

Examples
--------
>>> sorted(PRESETS)
['apollo', 'german-crm', 'hubspot', 'instantly', 'lemlist', 'pipedrive']
>>> PRESETS["apollo"].columns["employees"]
{'from': ['# Employees', 'Employees']}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Preset:
    """A named, documented ``[columns]`` mapping for one tool's export."""

    name: str
    title: str
    export: str
    columns: dict[str, Any] = field(default_factory=dict)


#: lemlist ``lastState`` values that mean the lead answered (any channel).
LEMLIST_REPLIED = [
    "emailsReplied",
    "linkedinReplied",
    "emailsInterested",
    "linkedinInterested",
    "interested",
    "emailsNotInterested",
    "linkedinNotInterested",
    "notInterested",
    "meetingBooked",
]
#: lemlist ``lastState`` values that mean a meeting or a request for more information.
LEMLIST_MEETING = [
    "emailsInterested",
    "linkedinInterested",
    "interested",
    "meetingBooked",
]
#: Instantly interest statuses (every one is set from a reply).
INSTANTLY_REPLIED = [
    "Interested",
    "Meeting Booked",
    "Meeting Completed",
    "Won",
    "Closed",
    "Not Interested",
    "Wrong Person",
    "Lost",
]
INSTANTLY_MEETING = ["Interested", "Meeting Booked", "Meeting Completed", "Won", "Closed"]
#: Form of address (du/sie) as German sheets and custom CRM fields write it.
DU_SIE = {
    "Du": "du",
    "Sie": "sie",
    "per Du": "du",
    "per Sie": "sie",
    "duzen": "du",
    "siezen": "sie",
    "informal": "du",
    "formal": "sie",
}
_ADDRESS_FORM = ["Ansprache", "Form of address", "Du/Sie", "Anredeform", "Salutation form"]

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "lemlist",
            "lemlist",
            "Campaign > Leads > Export (CSV), one row per lead and campaign",
            {
                "prospect_id": {"from": ["leadId", "_id", "id", "email"]},
                "industry": {"from": ["industry", "companyIndustry", "Branche"]},
                "employees": {"from": ["employees", "companySize", "Mitarbeiter"]},
                "messaging": {"from": ["messaging", "variant", "campaignName"]},
                "salutation": {"from": ["salutation", *_ADDRESS_FORM], "map": DU_SIE},
                "replied": {"from": "lastState", "in": LEMLIST_REPLIED},
                "meeting": {"from": "lastState", "in": LEMLIST_MEETING},
                "campaign": {"from": ["campaignName", "campaign"]},
            },
        ),
        Preset(
            "apollo",
            "Apollo.io",
            "Contacts (filtered to a sequence) > Export > CSV",
            {
                "prospect_id": {"from": ["Apollo Contact Id", "Apollo Contact ID"]},
                "industry": {"from": ["Industry"]},
                "employees": {"from": ["# Employees", "Employees"]},
                "messaging": {"from": ["Messaging", "Sequence", "Sequence Name"]},
                "salutation": {"from": [*_ADDRESS_FORM], "map": DU_SIE},
                "replied": {"from": ["Replied"]},
                "meeting": {"from": ["Stage", "Contact Stage"], "in": ["Interested"]},
            },
        ),
        Preset(
            "hubspot",
            "HubSpot",
            "CRM > Contacts > Export (CSV or XLSX, all properties)",
            {
                "prospect_id": {"from": ["Record ID", "Contact ID"]},
                "industry": {"from": ["Industry", "Branche"]},
                "employees": {"from": ["Number of Employees", "Anzahl der Mitarbeiter"]},
                "messaging": {"from": ["Messaging", "Last sequence enrolled"]},
                "salutation": {"from": [*_ADDRESS_FORM], "map": DU_SIE},
                "replied": {
                    "from": ["Lead Status"],
                    "in": ["In Progress", "Open Deal", "Unqualified", "Connected", "Bad Timing"],
                },
                "meeting": {
                    "from": ["Lifecycle Stage"],
                    "in": ["Sales Qualified Lead", "Opportunity", "Customer"],
                },
                "deal": {"from": ["Lifecycle Stage"], "in": ["Customer"]},
                "campaign": {"from": ["Campaign", "Kampagne"]},
            },
        ),
        Preset(
            "pipedrive",
            "Pipedrive",
            "Deals list view (one pipeline) > ... > Export filter results (CSV or XLSX)",
            {
                "prospect_id": {"from": ["Deal - ID"]},
                "industry": {
                    "from": ["Organization - Industry", "Organisation - Branche", "Deal - Industry"]
                },
                "employees": {
                    "from": [
                        "Organization - Number of employees",
                        "Organization - Employees",
                        "Organisation - Mitarbeiter",
                    ]
                },
                "messaging": {"from": ["Deal - Messaging", "Deal - Botschaft"]},
                "salutation": {
                    "from": [f"{who} - {f}" for who in ("Deal", "Person") for f in _ADDRESS_FORM],
                    "map": DU_SIE,
                },
                "replied": {
                    "from": ["Deal - Stage"],
                    "in": [
                        "Contact Made",
                        "Demo Scheduled",
                        "Proposal Made",
                        "Negotiations Started",
                    ],
                },
                "meeting": {
                    "from": ["Deal - Stage"],
                    "in": ["Demo Scheduled", "Proposal Made", "Negotiations Started"],
                },
                "deal": {"from": ["Deal - Status"], "in": ["won", "gewonnen"]},
                "deal_value": {"from": ["Deal - Value", "Deal - Wert"]},
                "rejection_reason": {"from": ["Deal - Lost reason", "Deal - Verlustgrund"]},
                "campaign": {"from": ["Deal - Pipeline"]},
                "sent_at": {"from": ["Deal - Deal created", "Deal - Created"]},
            },
        ),
        Preset(
            "instantly",
            "Instantly",
            "Campaign > Leads > Download CSV",
            {
                "prospect_id": {"from": ["Lead ID", "id", "Email", "email"]},
                "industry": {"from": ["Industry", "Branche"]},
                "employees": {"from": ["Employees", "Company Size", "Mitarbeiter"]},
                "messaging": {"from": ["Messaging", "Campaign Name", "Campaign"]},
                "salutation": {"from": ["Salutation", *_ADDRESS_FORM], "map": DU_SIE},
                "replied": {"from": ["Interest Status", "Lead Status"], "in": INSTANTLY_REPLIED},
                "meeting": {"from": ["Interest Status", "Lead Status"], "in": INSTANTLY_MEETING},
                "deal": {"from": ["Interest Status", "Lead Status"], "in": ["Won", "Closed"]},
                "campaign": {"from": ["Campaign Name", "Campaign"]},
            },
        ),
        Preset(
            "german-crm",
            "Deutsche CRM-/Excel-Liste",
            "Excel sheet or CRM export saved as CSV (;) with German headers",
            {
                "prospect_id": {"from": ["Kontakt-ID", "Kunden-Nr.", "Kundennummer", "ID", "Nr."]},
                "industry": {"from": ["Branche", "Wirtschaftszweig"]},
                "employees": {
                    "from": ["Mitarbeiteranzahl", "Anzahl Mitarbeiter", "Mitarbeiter", "MA"]
                },
                "messaging": {"from": ["Botschaft", "Nachricht", "Variante"]},
                "salutation": {
                    "from": ["Ansprache", "Du/Sie", "Anredeform", "Anrede"],
                    "map": DU_SIE,
                },
                "replied": {"from": ["Antwort", "Antwort erhalten", "Rückmeldung"]},
                "meeting": {"from": ["Termin", "Termin vereinbart", "Termin gebucht"]},
                "qualified": {"from": ["Qualifiziert", "SQL"]},
                "deal": {"from": ["Abschluss", "Auftrag", "Gewonnen"]},
                "deal_value": {"from": ["Auftragswert", "Auftragswert (€)", "Auftragswert in €"]},
                "rejection_reason": {"from": ["Ablehnungsgrund", "Absagegrund"]},
                "campaign": {"from": ["Kampagne", "Aktion"]},
            },
        ),
    )
}
