"""The object model: classes and properties from libgbo's field table, values
of Python's types, keyword construction, dicts, live lists, and wrappers of
removed children."""

import copy
import datetime
import unittest
from typing import Any

import gbo
from gbo_test_support import cli, examples, src

WARM = src("examples", "referral-warm.xml")
UTC = datetime.timezone.utc


def documents() -> list[tuple[str, gbo.Exchange]]:
    """Every example document, and every item of the example bundle."""
    found = []
    for path in examples():
        if path.endswith("bundle.xml"):
            with gbo.open_bundle(path) as bundle:
                found += [(f"{path}[{item.document_index}]", item.exchange) for item in bundle if item.exchange]
        else:
            found.append((path, gbo.parse(path)))
    return found


def rebuild(entity: gbo.Entity) -> gbo.Entity:
    """The same entity made again through keyword construction only, every
    field read through its property."""
    table = {name: fields for name, _, fields in gbo._gbo._model()}
    kwargs: dict[str, Any] = {}
    for attribute, _, kind, repeated, child, _ in table[type(entity).__name__]:
        value = getattr(entity, attribute)
        if repeated:
            kwargs[attribute] = [rebuild(v) for v in value] if child else list(value)
        elif value is not None:
            kwargs[attribute] = rebuild(value) if child else value
    made = type(entity)(**kwargs)
    for xml in entity.extension_elements:
        made.add_extension_element(xml)
    return made


class RoundTrips(unittest.TestCase):
    def test_there_are_documents(self) -> None:
        self.assertGreater(len(documents()), 15)

    def test_objects_write_what_gbo_format_writes(self) -> None:
        for path in examples():
            if path.endswith("bundle.xml"):
                continue
            with self.subTest(path=path):
                self.assertEqual(gbo.parse(path).to_xml(), cli("format", path).stdout)

    def test_through_a_dict_and_back_the_same_bytes(self) -> None:
        for name, exchange in documents():
            with self.subTest(document=name):
                again = gbo.Exchange.from_dict(exchange.to_dict())
                self.assertEqual(again, exchange)
                self.assertEqual(again.to_xml(), exchange.to_xml())

    def test_built_from_keywords_the_same_bytes(self) -> None:
        for name, exchange in documents():
            with self.subTest(document=name):
                made = rebuild(exchange)
                self.assertEqual(made, exchange)
                self.assertEqual(made.to_xml(), exchange.to_xml())

    def test_a_copy_is_equal_and_independent(self) -> None:
        exchange = gbo.parse(WARM)
        for twin in (exchange.copy(), copy.copy(exchange), copy.deepcopy(exchange)):
            self.assertEqual(twin, exchange)
            twin.referrals[0].help_question = "Iets anders"
            self.assertNotEqual(twin, exchange)


class Classes(unittest.TestCase):
    def test_one_class_per_kind_with_every_field(self) -> None:
        model = gbo._gbo._model()
        self.assertGreaterEqual(len(model), 29)  # every kind of gbo_kind but NONE
        for name, kind, fields in model:
            cls = getattr(gbo, name)
            self.assertTrue(issubclass(cls, gbo.Entity))
            self.assertIn(kind, cls.__doc__)
            for attribute, xml, _, _, _, _ in fields:
                self.assertIn(f"<{xml}>", getattr(cls, attribute).__doc__)

    def test_names(self) -> None:
        referral = gbo.parse(WARM).referrals[0]
        self.assertEqual(type(referral.from_), gbo.Party)  # "from" is a keyword
        self.assertEqual(type(referral).__name__, "Referral")
        self.assertTrue(hasattr(gbo, "DiagnosticEntity"))  # gbo.Diagnostic is the validator's
        self.assertIsNot(gbo.Diagnostic, gbo.DiagnosticEntity)
        self.assertEqual(gbo.Exchange().to_dict(), {})

    def test_the_base_and_the_lists_are_not_made_directly(self) -> None:
        with self.assertRaises(TypeError):
            gbo.Entity()
        with self.assertRaises(TypeError):
            gbo.FieldList()  # type: ignore[call-arg]
        with self.assertRaises(TypeError):
            gbo.Person("An")  # type: ignore[call-arg]
        with self.assertRaises(TypeError):
            gbo.Person(nickname="An")  # type: ignore[call-arg]

    def test_repr_names_the_id_never_personal_data(self) -> None:
        person = gbo.parse(WARM).persons[0]
        self.assertEqual(repr(person), f"<gbo.Person id={person.id}>")
        self.assertNotIn(person.given_name or "?", repr(person))
        self.assertEqual(repr(person.address), "<gbo.Address>")
        self.assertRegex(repr(gbo.parse(WARM).referrals[0].life_domains), r"^<gbo.FieldList Referral.life_domains: \d+ items?>$")

    def test_unhashable_mutable(self) -> None:
        with self.assertRaises(TypeError):
            hash(gbo.Person())
        with self.assertRaises(TypeError):
            hash(gbo.Organisation().networks)


class Values(unittest.TestCase):
    def test_types_read(self) -> None:
        exchange = gbo.parse(WARM)
        self.assertEqual(exchange.created_at, datetime.datetime(2025, 3, 12, 9, 5, 30, tzinfo=UTC))
        self.assertIs(exchange.created_at.tzinfo, UTC)
        person = exchange.persons[0]
        self.assertEqual(person.birth_date, gbo.BirthDate(1986, 9, 23))
        consent = exchange.consents[0]
        self.assertIsInstance(consent.valid_from, datetime.date)
        self.assertIs(type(consent.informed.prior), bool)

    def test_times_are_aware_and_stored_in_utc(self) -> None:
        brussels = datetime.timezone(datetime.timedelta(hours=1))
        exchange = gbo.Exchange(created_at=datetime.datetime(2025, 3, 12, 10, 5, 30, 250000, tzinfo=brussels))
        self.assertEqual(exchange.created_at, datetime.datetime(2025, 3, 12, 9, 5, 30, 250000, tzinfo=UTC))
        with self.assertRaises(gbo.InvalidValueError) as e:
            exchange.created_at = datetime.datetime(2025, 3, 12, 10, 5, 30)  # naive
        self.assertIsInstance(e.exception, ValueError)
        self.assertEqual(e.exception.field, "created_at")
        with self.assertRaises(TypeError):
            exchange.created_at = "2025-03-12T10:05:30+01:00"  # type: ignore[assignment]
        self.assertEqual(exchange.created_at.hour, 9)  # unchanged by the refusals

    def test_dates_and_year_only_birth_dates(self) -> None:
        person = gbo.Person(birth_date=gbo.BirthDate(1987))
        self.assertEqual(person.birth_date, gbo.BirthDate(1987))
        self.assertTrue(person.birth_date is not None and person.birth_date.year_only)
        self.assertEqual(str(person.birth_date), "1987")
        person.birth_date = datetime.date(1987, 4, 2)
        self.assertEqual(person.birth_date, gbo.BirthDate(1987, 4, 2))
        self.assertEqual(person.to_dict(), {"birthDate": gbo.BirthDate(1987, 4, 2)})
        with self.assertRaises(ValueError):
            gbo.BirthDate(1987).to_date()
        with self.assertRaises(ValueError):
            gbo.BirthDate(1987, 2, 30)
        with self.assertRaises(ValueError):
            gbo.BirthDate(1987, 2)
        with self.assertRaises(TypeError):
            person.birth_date = datetime.datetime(1987, 4, 2, tzinfo=UTC)  # type: ignore[assignment]
        consent = gbo.Consent(valid_until=datetime.date(2026, 1, 31))
        self.assertEqual(consent.valid_until, datetime.date(2026, 1, 31))
        with self.assertRaises(TypeError):
            consent.valid_until = "2026-01-31"  # type: ignore[assignment]

    def test_bools_and_counts_are_strict(self) -> None:
        update = gbo.StatusUpdate(domains_explored=3)
        self.assertEqual(update.domains_explored, 3)
        for bad in (True, "3", 3.0):
            with self.assertRaises(TypeError):
                update.domains_explored = bad  # type: ignore[assignment]
        with self.assertRaises(gbo.InvalidValueError) as e:
            update.domains_explored = -1
        self.assertEqual((e.exception.field, e.exception.status), ("domains_explored", "invalid-value"))
        with self.assertRaises(gbo.InvalidValueError):
            update.domains_explored = 2**31
        organisation = gbo.Organisation(professional_secrecy=False)
        self.assertIs(organisation.professional_secrecy, False)
        with self.assertRaises(TypeError):
            organisation.professional_secrecy = 1  # type: ignore[assignment]

    def test_the_library_judges_the_form(self) -> None:
        person = gbo.Person()
        with self.assertRaises(gbo.InvalidValueError) as e:
            person.id = "not-a-uuid"
        self.assertEqual((e.exception.field, e.exception.status), ("id", "invalid-value"))
        person.id = "C0000000-0000-4000-8000-00000000000A"
        self.assertEqual(person.id, "c0000000-0000-4000-8000-00000000000a")  # canonical
        person.national_number = "86.09.23-123.45"
        self.assertEqual(person.national_number, "86092312345")  # digits; the check digits are GBO-I001's
        with self.assertRaises(gbo.InvalidValueError) as e:
            person.given_name = "x" * 1001
        self.assertEqual(e.exception.status, "too-long")
        with self.assertRaises(gbo.InvalidValueError) as e:
            person.given_name = "An\0na"
        self.assertEqual(e.exception.status, "invalid-utf8")
        with self.assertRaises(gbo.InvalidValueError):
            person.given_name = "bell\a"
        self.assertIsNone(person.given_name)
        with self.assertRaises(ValueError):
            person.given_name = "\ud800"  # a lone surrogate is no UTF-8
        # a code outside its list is validation's (GBO-R001), not the setter's
        person.preferred_channel = "carrier-pigeon"
        self.assertEqual(person.preferred_channel, "carrier-pigeon")

    def test_none_and_del_clear(self) -> None:
        person = gbo.Person(given_name="An", address={"municipality": "Gent"})
        person.given_name = None
        del person.address
        self.assertEqual(person.to_dict(), {})


class Lists(unittest.TestCase):
    def test_a_repeated_field_is_a_live_list(self) -> None:
        organisation = gbo.Organisation(networks=["GBO Gent"])
        networks = organisation.networks
        networks.append("GBO Oost")
        networks.extend(["GBO Zuid", "GBO Noord"])
        self.assertEqual(organisation.networks, ["GBO Gent", "GBO Oost", "GBO Zuid", "GBO Noord"])
        self.assertEqual(len(networks), 4)
        self.assertEqual(networks[-1], "GBO Noord")
        self.assertEqual(networks[1:3], ["GBO Oost", "GBO Zuid"])
        self.assertEqual(networks.pop(), "GBO Noord")
        del networks[0]
        self.assertEqual(list(networks), ["GBO Oost", "GBO Zuid"])
        self.assertIn("GBO Zuid", networks)
        with self.assertRaises(IndexError):
            networks[5]
        with self.assertRaises(TypeError):
            networks[0] = "GBO West"  # type: ignore[index]
        networks.clear()
        self.assertEqual(organisation.networks, [])

    def test_changes_are_all_or_nothing(self) -> None:
        organisation = gbo.Organisation(networks=["GBO Gent"])
        with self.assertRaises(gbo.InvalidValueError):
            organisation.networks.extend(["GBO Oost", ""])
        with self.assertRaises(gbo.InvalidValueError):
            organisation.networks = ["GBO Oost", "x" * 1001]
        with self.assertRaises(TypeError):
            organisation.networks = "GBO Gent"  # a str is not a list of them
        self.assertEqual(organisation.networks, ["GBO Gent"])

    def test_children_are_added_in_place_or_copied_in(self) -> None:
        referral = gbo.Referral()
        domain = referral.life_domains.add(domain="housing", note="Huur opgezegd")
        domain.judicial = False
        self.assertIs(referral.life_domains[0].judicial, False)  # the same child
        income = gbo.LifeDomain(domain="income")
        referral.life_domains.append(income)
        income.note = "changed after appending"
        self.assertIsNone(referral.life_domains[1].note)  # a copy went in
        referral.life_domains.append({"domain": "health"})
        self.assertEqual([d.domain for d in referral.life_domains], ["housing", "income", "health"])
        with self.assertRaises(TypeError):
            referral.life_domains.append(gbo.Person())  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            referral.life_domains.add(nonsense=1)
        self.assertEqual(len(referral.life_domains), 3)  # the failed add left nothing
        with self.assertRaises(TypeError):
            gbo.Organisation().networks.add()


class RemovedChildren(unittest.TestCase):
    def test_a_removed_childs_wrapper_says_so(self) -> None:
        exchange = gbo.parse(WARM)
        person = exchange.persons[0]
        address = person.address
        assert address is not None
        del exchange.persons[0]
        for stale in (person, address):
            with self.assertRaises(ReferenceError):
                stale.to_dict()
        with self.assertRaises(ReferenceError):
            person.given_name
        self.assertIn("removed", repr(person))

    def test_replacing_a_child_or_a_list(self) -> None:
        exchange = gbo.parse(WARM)
        referral = exchange.referrals[0]
        old_from, domain, kept = referral.from_, referral.life_domains[0], exchange.persons[0]
        assert old_from is not None
        referral.from_ = {"organisation": {"ref": "c0000000-0000-4000-8000-00000000000a"}}
        with self.assertRaises(ReferenceError):
            old_from.organisation
        referral.life_domains = [{"domain": "income"}]
        with self.assertRaises(ReferenceError):
            domain.domain
        self.assertIsNotNone(kept.id)  # elsewhere in the tree: untouched
        popped = exchange.referrals.pop()
        self.assertEqual(popped.life_domains[0].domain, "income")  # pop gives a copy
        self.assertEqual(len(exchange.referrals), 0)

    def test_a_wrapper_keeps_its_document_alive(self) -> None:
        domain = gbo.parse(WARM).referrals[0].life_domains[0]
        self.assertEqual(domain.domain, "housing")


class PythonCodeThatChangesTheDocument(unittest.TestCase):
    """Found in review: a value's conversion (a datetime subclass's
    utcoffset(), an __index__) runs Python code, which may change the very
    document being changed; the binding looks at the document only after."""

    def test_a_list_emptied_while_its_values_are_converted(self) -> None:
        values: list[Any] = []

        class Emptying(datetime.datetime):
            def utcoffset(self) -> datetime.timedelta:
                values.clear()
                return datetime.timedelta(0)

        values += [{"createdAt": Emptying(2025, 1, 1, tzinfo=UTC)}, {"kind": "warm-referral"}]
        exchange = gbo.Exchange()
        exchange.referrals = values
        self.assertEqual([r.kind for r in exchange.referrals], [None, "warm-referral"])

    def test_a_consent_removed_while_the_instant_is_converted(self) -> None:
        exchange = gbo.parse(src("tests", "fixtures", "consent", "context.xml"))
        consent = exchange.consents[0]

        class Removing(datetime.datetime):
            def utcoffset(self) -> datetime.timedelta:
                del exchange.consents[0]
                return datetime.timedelta(0)

        with self.assertRaises(ReferenceError):
            gbo.evaluate_consent(consent, recipient="b0000000-0000-4000-8000-00000000000b", purpose="reception",
                                 category="health", at=Removing(2025, 3, 1, tzinfo=UTC))

    def test_an_index_that_changes_the_list(self) -> None:
        organisation = gbo.Organisation(networks=["a", "b", "c"])

        class Shrinking:
            def __index__(self) -> int:
                organisation.networks.pop(0)
                return -1

        self.assertEqual(organisation.networks.pop(Shrinking()), "c")  # type: ignore[arg-type]
        self.assertEqual(organisation.networks, ["b"])
        organisation.networks = ["x", "y", "z"]
        del organisation.networks[Shrinking()]  # type: ignore[index]
        self.assertEqual(organisation.networks, ["y"])
        with self.assertRaises(IndexError):  # the index counts in the list as it is then
            del organisation.networks[Shrinking()]  # type: ignore[index]

    def test_nul_is_refused_everywhere(self) -> None:
        organisation = gbo.Organisation()
        for change in (lambda: setattr(organisation, "networks", ["a\0b"]),
                       lambda: organisation.networks.append("a\0b"),
                       lambda: organisation.networks.extend(["ok", "a\0b"]),
                       lambda: setattr(organisation, "name", "a\0b"),
                       lambda: organisation.add_extension_element('<x:a xmlns:x="urn:x"/>\0<b/>'),
                       lambda: gbo.Organisation.from_dict({"network": ["a\0b"]})):
            with self.assertRaises(gbo.InvalidValueError) as e:
                change()
            self.assertEqual(e.exception.status, "invalid-utf8")
        self.assertEqual(organisation.to_dict(), {})
        with self.assertRaises(ValueError):
            gbo.check_enterprise_number("0403.170.701\0trailing")
        with self.assertRaises(TypeError):
            organisation.networks.extend(None)  # type: ignore[arg-type]
        with self.assertRaises(gbo.InvalidValueError):
            gbo.Person.from_dict({"givenName\0junk": "An"})

        class Odd(datetime.datetime):  # found in review: isoformat() giving no str
            def isoformat(self, *args: Any, **kwargs: Any) -> Any:
                return 42

        exchange = gbo.parse(src("tests", "fixtures", "consent", "context.xml"))
        with self.assertRaises(TypeError):
            gbo.evaluate_consent(exchange.consents[0], recipient="b0000000-0000-4000-8000-00000000000b",
                                 purpose="reception", category="health", at=Odd(2025, 1, 1, tzinfo=UTC))

    def test_any_offset_and_any_int(self) -> None:
        lmt = datetime.timezone(datetime.timedelta(minutes=17, seconds=30))  # Brussels, 1880
        exchange = gbo.Exchange(created_at=datetime.datetime(1880, 1, 1, 12, 17, 30, tzinfo=lmt))
        self.assertEqual(exchange.created_at, datetime.datetime(1880, 1, 1, 12, 0, tzinfo=UTC))

        class Loud(int):
            def __str__(self) -> str:
                return "many"

        update = gbo.StatusUpdate(domains_explored=Loud(4))
        self.assertEqual(update.domains_explored, 4)


class Dicts(unittest.TestCase):
    def test_keys_are_the_exchange_formats_names(self) -> None:
        data = gbo.parse(WARM).to_dict()
        self.assertIn("person", data)
        self.assertIn("givenName", data["person"][0])
        self.assertIsInstance(data["createdAt"], datetime.datetime)

    def test_bad_dicts(self) -> None:
        with self.assertRaises(gbo.InvalidValueError) as e:
            gbo.Person.from_dict({"nickname": "An"})
        self.assertEqual(e.exception.field, "nickname")
        with self.assertRaises(gbo.InvalidValueError) as e:
            gbo.Person.from_dict({"id": "nope"})
        self.assertEqual(e.exception.field, "id")
        with self.assertRaises(TypeError):
            gbo.Person.from_dict({1: "An"})  # type: ignore[dict-item]
        with self.assertRaises(TypeError):
            gbo.Organisation.from_dict({"network": "GBO Gent"})
        with self.assertRaises(TypeError):
            gbo.Person.from_dict([("givenName", "An")])  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.Entity.from_dict({})
        deep: dict[str, Any] = {}
        inner = deep
        for _ in range(100000):
            inner["provision"] = [{}]
            inner = inner["provision"][0]
        with self.assertRaises(RecursionError):
            gbo.Provision.from_dict(deep)

    def test_extension_elements(self) -> None:
        person = gbo.Person()
        person.add_extension_element('<x:note xmlns:x="urn:example:ocmw">vrij</x:note>')
        self.assertEqual(len(person.extension_elements), 1)
        self.assertEqual(gbo.Person.from_dict(person.to_dict()), person)
        with self.assertRaises(gbo.InvalidValueError):
            person.add_extension_element("<unclosed>")
        with self.assertRaises(gbo.InvalidValueError):
            person.add_extension_element('<g:x xmlns:g="urn:gbo:exchange:1"/>')


if __name__ == "__main__":
    unittest.main()
