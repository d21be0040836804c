"""Built-in ``[columns]`` mappings for the exports of common outreach tools and CRMs.

Each preset is written as a user would write ``[columns]`` in ``icplab.toml`` (CONTRACT
section 6), with three extensions:

- ``from`` may list several headers; the first one the file has is used (tools rename
  columns between versions, UI languages and API downloads);
- a column may have a *list* of entries. For a yes/no column (``replied``, ``meeting``,
  ``qualified``, ``deal``) the column is true when any entry whose header the file has
  says so: a later stage implies the earlier ones, and a reply count and a status column
  complete each other. For any other column the first entry the file has is used;
- ``others`` lists values the tool writes that mean "no". Together with ``in``/``map``
  they are the preset's vocabulary of that column: when none of an entry's values occurs
  and the column holds values outside that vocabulary (an account's own status labels),
  the file is refused with the values it holds, so nothing is silently read as "no".

An entry whose headers are all absent is skipped, so a column the export lacks can still
come from a header of the contract itself; keys a user gives in ``[columns]`` beside
``preset = "NAME"`` replace the preset's entries for that column. JSON custom fields
(Smartlead's ``custom_fields``, the Instantly API's ``payload``) whose keys are contract
names or aliases are read without any entry (:func:`icplab.data.mapping.read_json_fields`).

``docs/presets.md`` documents every preset: the download steps, the mapping, what the
export cannot tell, and the public sources of the header lists.

Examples
--------
>>> sorted(PRESETS)  # doctest: +NORMALIZE_WHITESPACE
['apollo', 'close', 'german-crm', 'hubspot', 'instantly', 'lemlist', 'pipedrive',
 'smartlead', 'woodpecker']
>>> PRESETS["lemlist"].columns["replied"][0]
{'from': ['emailsReplied', 'emailsRepliedCount'], 'min': 1}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Preset:
    """A named, documented ``[columns]`` mapping for one tool's export.

    Attributes
    ----------
    name
        The preset's name (``--preset NAME``).
    title
        The tool's name as users know it.
    export
        Where the export is downloaded (one line; docs/presets.md has the steps).
    columns
        The mapping (see the module docstring for the extensions).
    cannot_tell
        What the tool's export does not record (docs/presets.md).
    markers
        Further headers typical of the tool's export (only to recognise it).
    """

    name: str
    title: str
    export: str
    columns: dict[str, Any] = field(default_factory=dict)
    cannot_tell: str = ""
    markers: tuple[str, ...] = ()


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
#: Headers of a du/sie field. Never ``Anrede`` or ``Salutation``: in CRMs they hold
#: Herr/Frau or Mr/Ms (the person's gender, personal data), not the form of address.
_ADDRESS_FORM = ["Ansprache", "Form of address", "Du/Sie", "Anredeform", "Salutation form"]


def _du_sie() -> dict[str, Any]:
    """The entry of ``salutation`` in most presets: a form-of-address column, Du/Sie."""
    return {"from": [*_ADDRESS_FORM], "map": DU_SIE}


def _plain_industry() -> dict[str, Any]:
    """The entry of ``industry`` of exports that keep the contract's or German name."""
    return {"from": ["industry", "Industry", "Branche"]}


_YES = ["true", "yes", "1", "ja", "x"]
_NO = ["false", "no", "0", "nein"]

# ------------------------------------------------------------------------------ lemlist
#: lemlist lead states (``lastState``) that mean the lead answered, on any channel.
LEMLIST_MEETING = ["interested", "emailsInterested", "linkedinInterested", "meetingBooked"]
LEMLIST_REPLIED = [
    *LEMLIST_MEETING,
    "emailsReplied",
    "linkedinReplied",
    "notInterested",
    "emailsNotInterested",
    "linkedinNotInterested",
]
#: lemlist states without an answer (lemlist-developer docs, campaign export states).
LEMLIST_OTHER = [
    "imported",
    "scanned",
    "skipped",
    "reviewed",
    "contacted",
    "hooked",
    "attracted",
    "warmed",
    "paused",
    "done",
    "failed",
    "emailsSent",
    "emailsOpened",
    "emailsClicked",
    "emailsBounced",
    "emailsFailed",
    "emailsUnsubscribed",
    "linkedinVisitDone",
    "linkedinInviteDone",
    "linkedinInviteAccepted",
    "linkedinSent",
    "linkedinOpened",
]

# ---------------------------------------------------------------------------- Instantly
#: Instantly interest statuses (UI words and the API's ``lt_interest_status`` codes).
#: Meeting Booked, Meeting Completed and Won mean the meeting took place; Interested is
#: a request for more information (CONTRACT: ``meeting``).
INSTANTLY_MEETING = ["Interested", "Meeting Booked", "Meeting Completed", "Won", "Closed"]
INSTANTLY_MEETING += ["1", "2", "3", "4"]
#: Every interest status is set from a reply; Out of Office (code 0) is a reply too
#: (its ``reply_class`` would be ``auto``).
INSTANTLY_REPLIED = [*INSTANTLY_MEETING, "Not Interested", "Wrong Person", "Lost"]
INSTANTLY_REPLIED += ["Out of Office", "0", "-1", "-2", "-3"]
INSTANTLY_OTHER = ["Lead", "Not Marked", "None"]
_INSTANTLY_INTEREST = [
    "Interest Status",
    "lt_interest_status",
    "interest_status",
    "Lead Interest Status",
    "Interest",
]

# ---------------------------------------------------------------------------- Smartlead
#: Smartlead lead categories (each is assigned to a reply; Out Of Office too).
SMARTLEAD_MEETING = ["Interested", "Meeting Request", "Information Request", "Meeting Booked"]
SMARTLEAD_REPLIED = [
    *SMARTLEAD_MEETING,
    "Not Interested",
    "Do Not Contact",
    "Wrong Person",
    "Out Of Office",
    "Uncategorizable by AI",
]
SMARTLEAD_OTHER = ["Sender Originated Bounce", "Bounced", "Uncategorized", "Bounce"]
# the default category names as the API lists them, and their ids (lead_category_id)
SMARTLEAD_REPLIED += ["Uncategorizable"]
SMARTLEAD_MEETING_IDS = ["1", "2", "5"]  # Interested, Meeting Request, Information Request
SMARTLEAD_REPLIED_IDS = [*SMARTLEAD_MEETING_IDS, "3", "4", "6", "7", "8"]
SMARTLEAD_OTHER_IDS = ["9"]  # Bounce

# ------------------------------------------------------------------------------ HubSpot
#: HubSpot lifecycle stages (English and German UI). SQL, Opportunity and Customer mean
#: the meeting took place.
HUBSPOT_SQL = [
    "Sales Qualified Lead",
    "Opportunity",
    "Customer",
    "Evangelist",
    "Sales-Qualified-Lead",
    "Verkaufschance",
    "Kunde",
]
HUBSPOT_CUSTOMER = ["Customer", "Evangelist", "Kunde"]
HUBSPOT_STAGE_OTHER = [
    "Subscriber",
    "Lead",
    "Marketing Qualified Lead",
    "Other",
    "Abonnent",
    "Marketing-Qualified-Lead",
    "Andere",
    "Sonstige",
]
# The same stages as HubSpot's API and "internal values" exports write them.
HUBSPOT_SQL += ["salesqualifiedlead", "opportunity", "customer", "evangelist"]
HUBSPOT_CUSTOMER += ["customer", "evangelist"]
HUBSPOT_STAGE_OTHER += ["subscriber", "lead", "marketingqualifiedlead", "other"]
#: HubSpot's default lead statuses that follow an answer (English and German UI).
HUBSPOT_REPLIED = [
    "In Progress",
    "Open Deal",
    "Unqualified",
    "Connected",
    "Bad Timing",
    "In Bearbeitung",
    "Offener Deal",
    "Nicht qualifiziert",
    "Verbunden",
    "Schlechter Zeitpunkt",
    "Ungünstiger Zeitpunkt",
    "Unqualifiziert",
    "Offenes Geschäft",
]
HUBSPOT_STATUS_OTHER = [
    "New",
    "Open",
    "Attempted to Connect",
    "Neu",
    "Offen",
    "Verbindungsversuch",
    "Kontaktversuch",
    "Versuch der Kontaktaufnahme",
    "Kontaktaufnahme versucht",
]
HUBSPOT_REPLIED += ["IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "CONNECTED", "BAD_TIMING"]
HUBSPOT_STATUS_OTHER += ["NEW", "OPEN", "ATTEMPTED_TO_CONTACT"]
#: HubSpot's default deal stages (English UI, internal values, German UI where known).
#: From the appointment on the meeting took place; from Qualified To Buy on the lead is
#: qualified; Closed Won is the deal. Closed Lost says nothing of how far the deal got.
HUBSPOT_DEAL_WON = ["Closed Won", "closedwon", "Abgeschlossen und gewonnen"]
HUBSPOT_DEAL_QUALIFIED = [
    "Qualified To Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
    *HUBSPOT_DEAL_WON,
]
HUBSPOT_DEAL_MEETING = [
    "Appointment Scheduled",
    "appointmentscheduled",
    "Termin vereinbart",
    *HUBSPOT_DEAL_QUALIFIED,
]
HUBSPOT_DEAL_LOST = ["Closed Lost", "closedlost", "Abgeschlossen und verloren"]

# ---------------------------------------------------------------------------- Pipedrive
#: Pipedrive's default pipeline stages (English and German UI) after the first answer.
PIPEDRIVE_MEETING = [
    "Demo Scheduled",
    "Proposal Made",
    "Negotiations Started",
    "Demo geplant",
    "Angebot erstellt",
    "Verhandlungen begonnen",
]
PIPEDRIVE_REPLIED = [*PIPEDRIVE_MEETING, "Contact Made", "Kontakt hergestellt"]
PIPEDRIVE_OTHER = ["Lead In", "Qualified", "Qualifiziert", "Lead eingegangen"]
PIPEDRIVE_WON = ["won", "gewonnen"]
PIPEDRIVE_NOT_WON = ["open", "lost", "offen", "verloren", "deleted", "gelöscht"]

# ----------------------------------------------------------------------------- Woodpecker
WOODPECKER_STATUS_OTHER = [
    "ACTIVE",
    "BLACKLIST",
    "TO-CHECK",
    "TO-REVIEW",
    "BOUNCED",
    "INVALID",
    "PAUSED",
]
WOODPECKER_INTEREST_OTHER = ["NOT_MARKED", "NOT MARKED", ""]

# ---------------------------------------------------------------------------------- Close
CLOSE_QUALIFIED = ["Qualified", "Customer"]
CLOSE_REPLIED = [*CLOSE_QUALIFIED, "Interested", "Not Interested"]
CLOSE_OTHER = ["Potential", "Bad Fit", "Contacted"]


#: HubSpot's lifecycle-stage header in the English and German UI, and its internal name.
_HUBSPOT_STAGE = ["Lifecycle Stage", "Lifecycle-Phase", "Lebenszyklusphase", "lifecyclestage"]
#: HubSpot's deal-stage header (a deals export, or a contact export with the deal's stage).
_HUBSPOT_DEAL_STAGE = ["Deal Stage", "Deal-Phase", "dealstage"]


def _hubspot_deal(values: list[str]) -> dict[str, Any]:
    """A HubSpot deal-stage entry: true for ``values``, the other default stages "no"."""
    others = [v for v in HUBSPOT_DEAL_MEETING + HUBSPOT_DEAL_LOST if v not in values]
    return _flag(_HUBSPOT_DEAL_STAGE, values, others)


def _flag(headers: list[str], values: list[str], others: list[str] | None = None) -> dict:
    entry: dict[str, Any] = {"from": headers, "in": values}
    if others:
        entry["others"] = others
    return entry


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "lemlist",
            "lemlist",
            "Campaigns > (campaign) > Leads > Export (CSV), one row per lead and campaign",
            {
                "prospect_id": {"from": ["leadId", "_id", "id", "email"]},
                "industry": {"from": ["industry", "companyIndustry", "Branche"]},
                "employees": {"from": ["employees", "companySize", "Mitarbeiter"]},
                "messaging": {"from": ["messaging", "variant", "Botschaft"]},
                "salutation": _du_sie(),
                # the reply count, not the last state: a later state hides the reply
                "replied": [
                    {"from": ["emailsReplied", "emailsRepliedCount"], "min": 1},
                    _flag(["lastState"], LEMLIST_REPLIED, LEMLIST_OTHER),
                ],
                "meeting": [_flag(["lastState"], LEMLIST_MEETING, LEMLIST_REPLIED + LEMLIST_OTHER)],
                "campaign": {"from": ["campaignName", "campaign"]},
                "sent_at": {"from": ["sentAt", "emailsSentAt"]},
                "replied_at": {"from": ["repliedAt", "emailsRepliedAt"]},
            },
            "no meeting date and no deal: a booked meeting shows only as the lead's last "
            "state; qualification and deals live in the CRM.",
            markers=(
                "emailsOpened",
                "emailsClicked",
                "emailsBounced",
                "emailsUnsubscribed",
                "linkedinUrl",
            ),
        ),
        Preset(
            "apollo",
            "Apollo.io",
            "Contacts (filtered to a sequence) > select all > Export > CSV",
            {
                "prospect_id": {"from": ["Apollo Contact Id", "Apollo Contact ID"]},
                "industry": {"from": ["Industry"]},
                "employees": {"from": ["# Employees", "Employees"]},
                "messaging": {"from": ["Messaging", "Botschaft"]},
                "salutation": _du_sie(),
                "replied": [
                    _flag(["Replied"], _YES, _NO),
                    _flag(
                        ["Stage", "Contact Stage"],
                        ["Replied", "Interested", "Not Interested"],
                        ["Cold", "Approaching", "Unresponsive", "Do Not Contact", "Bad Data"]
                        + ["Changed Job", "New"],
                    ),
                ],
                "meeting": [
                    _flag(
                        ["Stage", "Contact Stage"],
                        ["Interested"],
                        ["Replied", "Not Interested", "Cold", "Approaching", "Unresponsive"]
                        + ["Do Not Contact", "Bad Data", "Changed Job", "New"],
                    ),
                    _flag(["Demoed"], _YES, _NO),
                ],
            },
            "no reply date, no meeting date and no deal (the sequence's stage is the only "
            "funnel step after the reply).",
            markers=(
                "Apollo Account Id",
                "Email Status",
                "Demoed",
                "Email Sent",
                "Company Name for Emails",
            ),
        ),
        Preset(
            "hubspot",
            "HubSpot",
            "CRM > Contacts > (view) > Export > CSV or XLSX, all properties; English or German UI",
            {
                "prospect_id": {
                    "from": ["Record ID", "Contact ID", "Datensatz-ID", "hs_object_id"]
                },
                "industry": {"from": ["Industry", "Branche"]},
                "employees": {
                    "from": [
                        "Number of Employees",
                        "Anzahl der Mitarbeiter",
                        "Mitarbeiteranzahl",
                        "numemployees",
                    ]
                },
                "messaging": {"from": ["Messaging", "Botschaft"]},
                "salutation": _du_sie(),
                "replied": [
                    {
                        "from": ["Recent Sales Email Replied Date", "hs_sales_email_last_replied"],
                        "not_empty": True,
                    },
                    _flag(
                        ["Lead Status", "Lead-Status", "hs_lead_status"],
                        HUBSPOT_REPLIED,
                        HUBSPOT_STATUS_OTHER,
                    ),
                    _flag(
                        _HUBSPOT_STAGE,
                        HUBSPOT_SQL,
                        HUBSPOT_STAGE_OTHER,
                    ),
                    _hubspot_deal(HUBSPOT_DEAL_MEETING),
                ],
                "meeting": [
                    _flag(
                        _HUBSPOT_STAGE,
                        HUBSPOT_SQL,
                        HUBSPOT_STAGE_OTHER,
                    ),
                    _hubspot_deal(HUBSPOT_DEAL_MEETING),
                ],
                "qualified": [
                    _flag(
                        _HUBSPOT_STAGE,
                        HUBSPOT_SQL,
                        HUBSPOT_STAGE_OTHER,
                    ),
                    _hubspot_deal(HUBSPOT_DEAL_QUALIFIED),
                ],
                "deal": [
                    _flag(
                        _HUBSPOT_STAGE,
                        HUBSPOT_CUSTOMER,
                        HUBSPOT_STAGE_OTHER + HUBSPOT_SQL,
                    ),
                    _hubspot_deal(HUBSPOT_DEAL_WON),
                ],
                "campaign": {
                    "from": ["Campaign", "Kampagne", "Last sequence enrolled", "Letzte Sequenz"]
                },
                "replied_at": {
                    "from": ["Recent Sales Email Replied Date", "hs_sales_email_last_replied"]
                },
                "deal_at": {
                    "from": [
                        "Close Date",
                        "Became a Customer Date",
                        "Abschlussdatum",
                        "closedate",
                        "hs_lifecyclestage_customer_date",
                    ]
                },
                "deal_value": {"from": ["Amount", "Betrag", "amount"]},
            },
            "no first-touch date (Create Date is when the contact was created, not when it "
            "was first written to) and no rejection reason; lead-status labels are often the "
            "account's own and must be mapped.",
            markers=(
                "Record ID",
                "Contact owner",
                "Kontaktinhaber",
                "Create Date",
                "Erstellungsdatum",
            ),
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
                        "Organisation - Anzahl der Mitarbeiter",
                        "Organisation - Mitarbeiter",
                    ]
                },
                "messaging": {"from": ["Deal - Messaging", "Deal - Botschaft"]},
                "salutation": {
                    "from": [f"{who} - {f}" for who in ("Deal", "Person") for f in _ADDRESS_FORM],
                    "map": DU_SIE,
                },
                "replied": [
                    _flag(["Deal - Stage", "Deal - Phase"], PIPEDRIVE_REPLIED, PIPEDRIVE_OTHER),
                    _flag(["Deal - Status"], PIPEDRIVE_WON, PIPEDRIVE_NOT_WON),
                ],
                "meeting": [
                    _flag(
                        ["Deal - Stage", "Deal - Phase"],
                        PIPEDRIVE_MEETING,
                        PIPEDRIVE_OTHER + PIPEDRIVE_REPLIED,
                    ),
                    _flag(["Deal - Status"], PIPEDRIVE_WON, PIPEDRIVE_NOT_WON),
                ],
                "deal": [_flag(["Deal - Status"], PIPEDRIVE_WON, PIPEDRIVE_NOT_WON)],
                "deal_value": {"from": ["Deal - Value", "Deal - Wert"]},
                "rejection_reason": {"from": ["Deal - Lost reason", "Deal - Verlustgrund"]},
                "campaign": {"from": ["Deal - Pipeline"]},
                "sent_at": {"from": ["Deal - Deal created", "Deal - Created", "Deal - Erstellt"]},
                "deal_at": {
                    "from": ["Deal - Won time", "Deal - Gewonnen am", "Deal - Zeitpunkt gewonnen"]
                },
                "lost_at": {
                    "from": ["Deal - Lost time", "Deal - Verloren am", "Deal - Zeitpunkt verloren"]
                },
            },
            "no reply date and no meeting date; a deal's stage is its furthest step, so a "
            "lost deal counts the stages it reached before it was lost.",
            markers=(
                "Deal - Title",
                "Deal - Currency",
                "Deal - Owner",
                "Organization - Name",
                "Person - Name",
            ),
        ),
        Preset(
            "instantly",
            "Instantly",
            "Campaign > Leads > Download CSV (UI), or the API's lead list saved as CSV",
            {
                "prospect_id": {"from": ["Lead ID", "id", "Email", "email"]},
                "industry": [
                    {"from": ["Industry", "industry", "Branche"]},
                    {"from": ["payload"], "json": ["industry", "Branche"]},
                ],
                "employees": [
                    {"from": ["Employees", "Company Size", "companySize", "Mitarbeiter"]},
                    {"from": ["payload"], "json": ["employees", "companySize", "Mitarbeiter"]},
                ],
                "messaging": [
                    {"from": ["Messaging", "Variant", "Botschaft"]},
                    {"from": ["payload"], "json": ["messaging", "variant", "Botschaft"]},
                ],
                "salutation": _du_sie(),
                "replied": [
                    {
                        "from": [
                            "Email Reply Count",
                            "email_reply_count",
                            "Reply Count",
                            "Replies",
                        ],
                        "min": 1,
                    },
                    _flag(
                        _INSTANTLY_INTEREST,
                        INSTANTLY_REPLIED,
                        INSTANTLY_OTHER,
                    ),
                    {"from": ["timestamp_last_reply"], "not_empty": True},
                ],
                "meeting": [
                    _flag(
                        _INSTANTLY_INTEREST,
                        INSTANTLY_MEETING,
                        INSTANTLY_REPLIED + INSTANTLY_OTHER,
                    )
                ],
                "deal": [
                    _flag(
                        _INSTANTLY_INTEREST,
                        ["Won", "Closed", "4"],
                        INSTANTLY_REPLIED + INSTANTLY_OTHER,
                    )
                ],
                "campaign": {"from": ["Campaign Name", "Campaign", "campaign_name"]},
            },
            "no first-touch or reply date in the lead list (timestamp_created is when the lead "
            "was added); Interested counts as a meeting request.",
            markers=(
                "email_open_count",
                "email_click_count",
                "timestamp_created",
                "Lead Status",
                "Personalization",
            ),
        ),
        Preset(
            "smartlead",
            "Smartlead",
            "Campaign > Leads > Export (CSV); custom fields arrive as one JSON cell",
            {
                "prospect_id": {"from": ["lead_id", "id", "email"]},
                "industry": _plain_industry(),
                "employees": {"from": ["employees", "company_size", "Company Size", "Mitarbeiter"]},
                "salutation": _du_sie(),
                "replied": [
                    {"from": ["reply_count", "Reply Count", "replied_count"], "min": 1},
                    _flag(
                        ["category", "lead_category", "Category", "lead_category_name"],
                        SMARTLEAD_REPLIED,
                        SMARTLEAD_OTHER,
                    ),
                    _flag(["lead_category_id"], SMARTLEAD_REPLIED_IDS, SMARTLEAD_OTHER_IDS),
                    {"from": ["last_reply_at"], "not_empty": True},
                    _flag(["is_interested"], _YES, _NO),
                ],
                "meeting": [
                    _flag(
                        ["category", "lead_category", "Category", "lead_category_name"],
                        SMARTLEAD_MEETING,
                        SMARTLEAD_REPLIED + SMARTLEAD_OTHER,
                    ),
                    _flag(
                        ["lead_category_id"],
                        SMARTLEAD_MEETING_IDS,
                        SMARTLEAD_REPLIED_IDS + SMARTLEAD_OTHER_IDS,
                    ),
                    _flag(["is_interested"], _YES, _NO),
                ],
                "campaign": {"from": ["campaign_name", "Campaign Name"]},
            },
            "no reply date and no deal; the variant and the company size are custom fields "
            "(read from custom_fields when their keys are Branche, Mitarbeiter, Botschaft, "
            "Ansprache or the contract's names).",
            markers=(
                "custom_fields",
                "open_count",
                "click_count",
                "lead_category",
                "linkedin_profile",
            ),
        ),
        Preset(
            "woodpecker",
            "Woodpecker",
            "Prospects > (filter by campaign) > Export > CSV",
            {
                "prospect_id": {"from": ["id", "prospect_id", "email"]},
                "industry": _plain_industry(),
                # Woodpecker has no size field: it comes as a snippet the user names
                "employees": {"from": ["employees", "company_size", "Mitarbeiter"]},
                "messaging": {"from": ["messaging", "variant", "Botschaft"]},
                "salutation": _du_sie(),
                "replied": [
                    {"from": ["last_replied", "Last replied"], "not_empty": True},
                    _flag(
                        ["status", "Status"],
                        ["REPLIED", "AUTOREPLIED"],
                        WOODPECKER_STATUS_OTHER,
                    ),
                    _flag(
                        ["interested", "Interested"],
                        ["INTERESTED", "NOT_INTERESTED", "MAYBE_LATER"],
                        WOODPECKER_INTEREST_OTHER,
                    ),
                ],
                "meeting": [
                    _flag(
                        ["interested", "Interested"],
                        ["INTERESTED"],
                        ["NOT_INTERESTED", "MAYBE_LATER", *WOODPECKER_INTEREST_OTHER],
                    )
                ],
                "campaign": {"from": ["campaign_name", "campaigns", "Campaign"]},
            },
            "no company size unless it was uploaded as a snippet; AUTOREPLIED (out of office) "
            "counts as a reply; no first-reply date (last_replied is the latest).",
            markers=("snippet1", "snippet2", "last_contacted", "last_replied", "interested"),
        ),
        Preset(
            "close",
            "Close",
            "Leads > (smart view) > Export > CSV (leads with custom fields)",
            {
                "prospect_id": {"from": ["id", "lead_id", "Lead ID"]},
                "industry": {"from": ["custom.Industry", "Industry", "custom.Branche"]},
                "employees": {
                    "from": [
                        "custom.Employees",
                        "custom.Number of Employees",
                        "Employees",
                        "custom.Mitarbeiter",
                    ]
                },
                "messaging": {"from": ["custom.Messaging", "custom.Variant", "custom.Botschaft"]},
                "salutation": {"from": [f"custom.{f}" for f in _ADDRESS_FORM], "map": DU_SIE},
                "replied": [
                    {"from": ["num_received_emails", "Emails Received"], "min": 1},
                    _flag(["status_label", "Status", "Lead Status"], CLOSE_REPLIED, CLOSE_OTHER),
                ],
                "meeting": [
                    _flag(
                        ["status_label", "Status", "Lead Status"],
                        CLOSE_QUALIFIED,
                        CLOSE_REPLIED + CLOSE_OTHER,
                    )
                ],
                "qualified": [
                    _flag(
                        ["status_label", "Status", "Lead Status"],
                        CLOSE_QUALIFIED,
                        CLOSE_REPLIED + CLOSE_OTHER,
                    )
                ],
                "deal": [
                    _flag(
                        ["primary_opportunity_status_type", "opportunity_status_type"],
                        ["won"],
                        ["active", "lost"],
                    ),
                    _flag(
                        ["status_label", "Status", "Lead Status"],
                        ["Customer"],
                        CLOSE_REPLIED + CLOSE_OTHER,
                    ),
                ],
                "deal_value": {"from": ["primary_opportunity_value", "opportunity_value"]},
                "deal_at": {"from": ["primary_opportunity_date_won", "date_won"]},
                "campaign": {"from": ["custom.Campaign", "custom.Sequence"]},
            },
            "no reply date and no meeting date; lead statuses are the account's own and "
            "usually need their own in list.",
            markers=("display_name", "status_label", "primary_contact_name", "date_created"),
        ),
        Preset(
            "german-crm",
            "Deutsche CRM-/Excel-Liste",
            "Excel sheet or CRM export saved as CSV (;, Windows-1252) or XLSX, German headers",
            {
                "prospect_id": {"from": ["Kontakt-ID", "Kunden-Nr.", "Kundennummer", "ID", "Nr."]},
                "industry": {"from": ["Branche", "Wirtschaftszweig"]},
                "employees": {
                    "from": ["Mitarbeiteranzahl", "Anzahl Mitarbeiter", "Mitarbeiter", "MA"]
                },
                "messaging": {"from": ["Botschaft", "Nachricht", "Variante"]},
                # Ansprache is du/sie; Anrede is Herr/Frau (gender: personal, never read)
                "salutation": {"from": ["Ansprache", "Du/Sie", "Anredeform"], "map": DU_SIE},
                "replied": {"from": ["Antwort", "Antwort erhalten", "Rückmeldung"]},
                "meeting": {"from": ["Termin", "Termin vereinbart", "Termin gebucht"]},
                "qualified": {"from": ["Qualifiziert", "SQL"]},
                "deal": {"from": ["Abschluss", "Auftrag", "Gewonnen"]},
                "deal_value": {"from": ["Auftragswert", "Auftragswert (€)", "Auftragswert in €"]},
                "rejection_reason": {"from": ["Ablehnungsgrund", "Absagegrund"]},
                "campaign": {"from": ["Kampagne", "Aktion"]},
                "sent_at": {
                    "from": [
                        "Erstkontakt",
                        "Datum Erstkontakt",
                        "Kontaktdatum",
                        "Versanddatum",
                        "Versendet am",
                        "Gesendet am",
                    ]
                },
                "replied_at": {"from": ["Antwortdatum", "Antwort am", "Datum Antwort"]},
                "meeting_at": {"from": ["Termindatum", "Termin am", "Datum Termin"]},
                "deal_at": {"from": ["Abschlussdatum", "Abschluss am", "Datum Abschluss"]},
            },
            "whatever the sheet's author recorded: often no dates (then maturity is unknown) "
            "and no ids (then duplicates cannot be checked).",
            markers=("Anrede", "Vorname", "Nachname", "Firma", "Kontakt-ID"),
        ),
    )
}
