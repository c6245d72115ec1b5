"""Reads OSCAL mapping-collection files with compliance-trestle, the reference Python library for
OSCAL, and exits non-zero, naming each file and what trestle refused, if any is not accepted.

Usage: python oscal_trestle.py FILE...
"""
import pathlib
import sys

from trestle.oscal.mapping import MappingCollection


def main(paths):
    refused = 0
    for path in paths:
        try:
            collection = MappingCollection.oscal_read(pathlib.Path(path))
            if collection is None:
                raise ValueError("trestle found no mapping-collection in the file")
            maps = sum(len(mapping.maps or []) for mapping in collection.mappings)
            print(f"accepted {path}: {len(collection.mappings)} mapping(s), {maps} maps")
        except Exception as error:  # trestle raises pydantic and its own errors alike
            refused += 1
            print(f"refused {path}: {error}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
