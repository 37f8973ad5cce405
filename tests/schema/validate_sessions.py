#!/usr/bin/python3
"""Checks sessions/schema.json: every built-in session is valid against it, every fixture in
tests/data/schema/valid is valid, and every fixture in tests/data/schema/invalid is rejected for the
reason its first line names ("# expect: /json/pointer validator [words of the message]"). The second
line of each invalid fixture ("# loader: LINE:COLUMN: error: ...") is the loader's first error, which
tests/core/sessions_test.cpp checks, so the schema and the loader agree on every fixture.

Run with Debian's /usr/bin/python3 (python3-jsonschema, python3-yaml). Usage:
  validate_sessions.py SCHEMA SESSIONS_DIR FIXTURES_DIR
Exit 0 when every check passes, 1 otherwise; each failure is printed as FILE: MESSAGE.
"""
import json
import pathlib
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """A SafeLoader that resolves plain scalars as YAML 1.2's core schema does, as yaml-cpp and the YAML
    language server do: only true/false are booleans (not yes/no/on/off) and 1:30 is a string, not 90."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                                   list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def all_errors(errors):
    for error in errors:
        yield error
        yield from all_errors(error.context or [])


def explain(error):
    """(pointer, message) pairs a person should read for `error`. For a oneOf over kinds of step or pattern, the errors
    of the one branch whose kind key is present (the kind the author meant), else `error` itself."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [(pointer(error), error.message)]
    if all(sub.validator == "required" for sub in error.context):
        keys = [key for branch in error.schema[error.validator] for key in branch.get("required", [])]
        return [(pointer(error), "needs exactly one of " + ", ".join(repr(key) for key in keys))]
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    instance = error.instance if isinstance(error.instance, dict) else {}
    meant = [index for index in branches
             if all(key in instance for key in error.schema[error.validator][index].get("required", ["?"]))]
    if len(meant) > 1:  # `say` is both a kind and a key of every step: the other kind is the one meant
        meant = [index for index in meant if error.schema[error.validator][index].get("required") != ["say"]]
    if not isinstance(error.instance, dict):  # a time: the branch of the instance's type (number or text)
        meant = [index for index, subs in branches.items()
                 if not any(sub.validator == "type" and not sub.relative_path for sub in subs)]
    if len(meant) != 1:
        return [(pointer(error), error.message)]
    meant = [branches[meant[0]]]
    return [leaf for sub in meant[0] for leaf in explain(sub)]


def pointer(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path, sessions_dir, fixtures_dir = (pathlib.Path(a) for a in argv[1:])
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    checked = 0

    valid_files = sorted(sessions_dir.glob("*.yaml")) + sorted((fixtures_dir / "valid").glob("*.yaml"))
    for path in valid_files:
        checked += 1
        for error in validator.iter_errors(load(path)):
            for where, message in explain(error):
                failures.append(f"{path}: {where}: {message}")

    for path in sorted((fixtures_dir / "invalid").glob("*.yaml")):
        checked += 1
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# expect: (\S+) (\w+)(?: (.+))?", first)
        if not match:
            failures.append(f"{path}: the first line must be '# expect: /json/pointer validator [message words]'")
            continue
        want_path, want_validator, want_words = match.groups()
        errors = list(validator.iter_errors(load(path)))
        if not errors:
            failures.append(f"{path}: the schema accepts it, expected {want_validator} at {want_path}")
            continue
        found = [(pointer(e), e.validator) for e in all_errors(errors)
                 if want_words is None or want_words in e.message]
        if (want_path, want_validator) not in found:
            failures.append(f"{path}: expected {want_validator} at {want_path}, got {sorted(set(found))}")

    for failure in failures:
        print(failure)
    print(f"{checked} files checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
