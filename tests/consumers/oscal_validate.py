"""Reads OSCAL mapping-collection files with two independent OSCAL implementations and exits
non-zero, naming each file, the validator and what it refused, if either does not accept a file:

- compliance-trestle, the reference Python library for OSCAL (its own pydantic models);
- oscal-bindings, pydantic models generated from NIST's OSCAL JSON schema.

Usage: python oscal_validate.py FILE...
"""
import pathlib
import sys

from oscal_bindings.v1.models import MappingCollectionDocument
from oscal_bindings.v1.parser import OscalParseError, parse_oscal
from trestle.oscal.mapping import MappingCollection


def trestle(path):
    collection = MappingCollection.oscal_read(pathlib.Path(path))
    if collection is None:
        raise ValueError("trestle found no mapping-collection in the file")
    maps = sum(len(mapping.maps or []) for mapping in collection.mappings)
    return f"{len(collection.mappings)} mapping(s), {maps} maps"


def oscal_bindings(path):
    try:
        document = parse_oscal(pathlib.Path(path).read_bytes())
    except OscalParseError as error:
        # The union over every document kind fails on each; the mapping-collection's own errors
        # are the ones that explain.
        own = [e for e in error.errors if e["loc"][:1] == ("MappingCollectionDocument",)]
        first = "; ".join(
            f"{'/'.join(map(str, e['loc']))}: {e['msg']}" for e in (own or error.errors)[:5]
        )
        raise ValueError(f"{error} {first}") from None
    if not isinstance(document.root, MappingCollectionDocument):
        raise ValueError(f"read as a {type(document.root).__name__}, not a mapping-collection")
    return "a mapping-collection document"


VALIDATORS = {"compliance-trestle": trestle, "oscal-bindings": oscal_bindings}


def main(paths):
    refused = 0
    for path in paths:
        for name, validate in VALIDATORS.items():
            try:
                print(f"accepted by {name}: {path}: {validate(path)}")
            except Exception as error:  # both raise pydantic and their own errors alike
                refused += 1
                print(f"refused by {name}: {path}: {error}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
