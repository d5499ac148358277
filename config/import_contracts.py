"""Import contracts of our own for import-linter (registered in pyproject's `[tool.importlinter] contract_types`).

`public_surface`: each app listed in `containers` shows the others only its public modules (`public`, by default
`models`, `selectors` and `services`, and their submodules). One app importing anything else of another (its views,
its rule modules, its tasks) breaks the contract, whichever direction the layers contract allows. A stage's tests
may also use another's test helpers (`test_packages`, e.g. its factories): they set the scene, they are not the
code under test. Imports inside one app are not this contract's business."""

from dataclasses import dataclass

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


@dataclass(frozen=True)
class IllegalImport:
    importer: str
    imported: str
    line_numbers: tuple[int, ...]


class PublicSurfaceContract(Contract):
    """Apps import one another only through each other's public modules.

    Options:
        - containers:      the apps (top-level packages) the contract applies to.
        - public:          module names, relative to an app, that the other apps may import (their submodules too);
                           the app's package itself (its empty `__init__`) is always allowed.
        - test_packages:   module names, relative to an app, that another app's tests (under its `tests`) may
                           import as well. (Optional.)
        - ignore_imports:  known exceptions, as import expressions (each with a comment in the configuration
                           saying why). (Optional.)
    """

    type_name = "public_surface"

    containers = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField())
    test_packages = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        illegal = [
            IllegalImport(
                importer,
                imported,
                tuple(
                    detail["line_number"]
                    for detail in graph.get_import_details(importer=importer, imported=imported)
                ),
            )
            for importer in sorted(graph.modules)
            if _app_of(importer, self.containers)
            for imported in sorted(graph.find_modules_directly_imported_by(importer))
            if not self.allowed(importer, imported)
        ]
        return ContractCheck(
            kept=not illegal,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"illegal": illegal},
        )

    def allowed(self, importer: str, imported: str) -> bool:
        """Whether `importer` may import `imported` under this contract."""
        importer_app, target_app = _app_of(importer, self.containers), _app_of(imported, self.containers)
        if target_app is None or target_app == importer_app:
            return True
        inside = imported.split(".")[1:]
        if not inside:
            return True
        allowed = set(self.public)
        if importer.split(".")[1:2] == ["tests"]:
            allowed |= set(self.test_packages)
        return inside[0] in allowed

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("Only another app's " + ", ".join(self.public) + " may be imported:", bold=False)
        output.new_line()
        for found in check.metadata["illegal"]:
            lines = ", ".join(map(str, found.line_numbers))
            output.print_error(f"- {found.importer} -> {found.imported} (l.{lines})", bold=False)
            output.new_line()


def _app_of(module: str, containers) -> str | None:
    top = module.split(".", 1)[0]
    return top if top in containers else None
