"""Build a warm referral from an OCMW to a CAW in Python, check it and write it.

    python3 examples/python/build_referral.py [OUTPUT.xml]

The document is made with keywords, lists and dicts; gbo.Validator checks it
with the rules of the GBO catalogue; to_xml() writes it behind libgbo's
consent gate (a referral carries only what the client's consent covers).
Exit status: 0 written, 1 the document has errors.
"""

import datetime
import sys
import uuid

import gbo

OCMW, CAW = "550b9aac-1c8a-442c-8a39-35a440b71211", "e5240f7d-20e5-4481-bb0c-727090662b66"
WORKER, CLIENT, CONSENT = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
NOW = datetime.datetime(2025, 3, 12, 9, 5, tzinfo=datetime.timezone.utc)


def build() -> gbo.Exchange:
    exchange = gbo.Exchange(
        id=str(uuid.uuid4()), created_at=NOW, sender=OCMW, recipient=CAW, code_list_version="2026.1"
    )
    ocmw = exchange.organisations.add(
        id=OCMW, name="OCMW Gent – Sociale dienst", kind="local-social-service",
        networks=["GBO Gent"], professional_secrecy=True,
    )
    ocmw.workers.add(id=WORKER, name="Griet Van Acker", phone="+32 9 210 45 12")
    exchange.organisations.append(
        gbo.Organisation(id=CAW, name="CAW Oost-Vlaanderen", kind="caw", networks=["GBO Gent"],
                         professional_secrecy=True)
    )
    exchange.persons.add(
        id=CLIENT, given_name="Sébastien", family_name="Vandenbroucke", birth_date=gbo.BirthDate(1986),
        language="nl", phone="+32 470 12 34 56", preferred_channel="phone",
    )
    everything_informed = {name: True for name in ("prior", "knowsWhat", "knowsWhy", "knowsToWhom",
                                                   "knowsWhatHappens", "knowsCanWithdraw")}
    exchange.consents.add(
        id=CONSENT, subject={"ref": CLIENT}, grantor="client", form="written",
        recorded_by={"organisation": {"ref": OCMW}, "worker": {"ref": WORKER}},
        document_reference="GBO-toestemmingsformulier TF-2025-0318", given_at=NOW - datetime.timedelta(minutes=25),
        informed=everything_informed, valid_from=NOW.date(), until_support_ends=True,
        provisions=[{"type": "permit", "recipientNetwork": True, "purpose": ["reception"],
                     "dataCategory": ["identity-contact", "help-question", "life-domain-situation"]}],
    )
    referral = exchange.referrals.add(
        id=str(uuid.uuid4()), created_at=NOW, kind="warm-referral",
        from_={"organisation": {"ref": OCMW}, "worker": {"ref": WORKER}},
        to={"organisation": {"ref": CAW}}, subject={"ref": CLIENT}, consent={"ref": CONSENT},
        help_question="Ik moet eind mei uit mijn appartement en vind niets dat ik kan betalen.",
        help_question_language="nl", help_seeking_stage="question-with-route", urgency="urgent",
        client_present=True,
    )
    referral.life_domains.add(domain="housing", note="Huur opgezegd wegens verkoop; einde op 31 mei 2025.")
    return exchange


def main() -> int:
    exchange = build()
    data = exchange.to_xml()  # ConsentError if it carried data the consent does not cover
    diagnostics = gbo.Validator(lang="en").validate(data)
    for d in diagnostics:
        print(d, file=sys.stderr)
    if any(d.severity == "error" for d in diagnostics):
        return 1
    if len(sys.argv) > 1:
        with open(sys.argv[1], "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
