"""The contract that stages see one another only through their models, selectors and services
(config.import_contracts.PublicSurfaceContract), on small graphs made for the purpose and on the project as
configured in pyproject.toml."""

import grimp
from importlinter import api

from config.import_contracts import PublicSurfaceContract

STAGES = ["contact", "assessment", "ras"]


def contract(**options) -> PublicSurfaceContract:
    return PublicSurfaceContract(
        name="public surface",
        session_options={"root_packages": STAGES},
        contract_options={"containers": STAGES, "public": ["models", "selectors", "services"], **options},
    )


def graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    built = grimp.ImportGraph()
    for importer, imported in imports:
        for module in (importer, imported):
            for depth in range(1, module.count(".") + 2):
                built.add_module(".".join(module.split(".")[:depth]))
        built.add_import(
            importer=importer, imported=imported, line_number=3, line_contents=f"import {imported}"
        )
    return built


def illegal(check) -> list[tuple[str, str]]:
    return [(found.importer, found.imported) for found in check.metadata["illegal"]]


def test_a_stage_may_import_another_stages_models_selectors_and_services():
    check = contract().check(
        graph(
            ("ras.views", "assessment.selectors"),
            ("ras.services", "assessment.models"),
            ("assessment.services", "contact.services"),
            ("assessment.selectors", "contact.selectors"),
            ("ras.views", "assessment"),
        ),
        verbose=False,
    )
    assert check.kept


def test_importing_any_other_module_of_another_stage_breaks_the_contract_and_says_where():
    check = contract().check(
        graph(
            ("ras.views", "assessment.access"),
            ("assessment.signing_off", "contact.tasks"),
            ("ras.views", "assessment.selectors"),
        ),
        verbose=False,
    )
    assert not check.kept
    assert illegal(check) == [("assessment.signing_off", "contact.tasks"), ("ras.views", "assessment.access")]
    assert check.metadata["illegal"][0].line_numbers == (3,)


def test_a_stage_imports_its_own_modules_freely():
    assert contract().check(graph(("ras.views", "ras.calculation")), verbose=False).kept


def test_only_a_stages_tests_may_use_another_stages_test_helpers():
    tests_may = contract(test_packages=["tests"])
    assert tests_may.check(graph(("ras.tests.test_budget", "assessment.tests.factories")), verbose=False).kept
    refused = tests_may.check(graph(("ras.demo", "assessment.tests.factories")), verbose=False)
    assert illegal(refused) == [("ras.demo", "assessment.tests.factories")]
    assert (
        not contract()
        .check(graph(("ras.tests.test_budget", "assessment.tests.factories")), verbose=False)
        .kept
    )


def test_a_listed_exception_is_ignored_and_counted():
    check = contract(ignore_imports=["ras.estimate_views -> assessment.forms"]).check(
        graph(("ras.estimate_views", "assessment.forms")), verbose=False
    )
    assert check.kept and check.ignored_import_count == 1


def test_the_project_configures_the_contract_over_every_stage_with_few_exceptions():
    found = api.read_configuration()
    (surface,) = [c for c in found["contracts_options"] if c["type"] == "public_surface"]
    assert set(surface["containers"]) >= {"contact", "assessment", "ras", "support_planning", "validation"}
    assert {"reviews", "directory"} <= set(surface["containers"])
    assert surface["public"] == ["models", "selectors", "services"]
    assert surface.get("ignore_imports", []) == []  # every stage meets another only through its public face
