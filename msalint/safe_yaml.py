"""YAML from untrusted files (rule packs, waivers): safe tags only, and bounded before anything is built.

Safe loading alone is not enough: nested aliases ("billion laughs") let a few hundred bytes stand for
billions of nodes, which any later walk over the data would expand. The composed node graph is measured
first, counting every alias as the full subtree it stands for; only a graph within the limits is built.
"""
from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 4 * 1024 * 1024
# Expanded nodes (aliases counted in full) and nesting depth; msalint's own rule files need < 1,000 nodes and
# a depth of 8, a large house rulebook a few tens of thousands of nodes.
MAX_YAML_NODES = 250_000
MAX_YAML_DEPTH = 64

SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class YamlLimitError(ValueError):
    """The YAML is well-formed but too large, too deep or self-referential; ``line`` is 1-based or None."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """YAML ints, but an integer too long for Python's int() is a located YAML error, not a ValueError."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"integer with {len(node.value)} digits is too long", node.start_mark
        ) from None


def bounded_loader(base: type = SafeBase) -> type:
    """A subclass of the safe loader ``base`` whose ints cannot raise ValueError."""
    loader = type(f"Bounded{base.__name__}", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    return loader


def load_bounded(text: str, loader_class: type) -> Any:
    """Parse one YAML document with ``loader_class`` after checking the size, depth and alias expansion.

    Raises yaml.YAMLError for syntax errors and YamlLimitError for input over the limits.
    """
    if len(text) > MAX_YAML_BYTES:
        raise YamlLimitError(f"file is {len(text):,} characters, over the {MAX_YAML_BYTES:,} limit", None)
    check_nesting(text, loader_class)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_node_graph(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def check_nesting(text: str, loader_class: type) -> None:
    """Raise YamlLimitError past MAX_YAML_DEPTH open collections, from the event stream.

    Composing nests recursively (in C with libyaml), so very deep input must be refused before composing.
    """
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise YamlLimitError(f"nesting is deeper than {MAX_YAML_DEPTH} levels",
                                         event.start_mark.line + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def check_node_graph(root: yaml.Node) -> None:
    """Raise YamlLimitError if the graph, with aliases expanded, is cyclic, too deep or too large.

    Iterative post-order walk with memoised subtree sizes and heights, so the check itself stays linear in
    the composed graph whatever the expansion would be.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        line = node.start_mark.line + 1
        if done:
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            on_path.discard(key)
            if height[key] > MAX_YAML_DEPTH:
                raise YamlLimitError(f"nesting is deeper than {MAX_YAML_DEPTH} levels", line)
            if size[key] > MAX_YAML_NODES:
                raise YamlLimitError(
                    f"aliases expand to more than {MAX_YAML_NODES:,} values (an alias bomb?); "
                    "repeat the text instead of nesting anchors", line)
            continue
        if key in size:
            continue
        if key in on_path:
            raise YamlLimitError("an alias refers to the node that contains it (recursive anchor)", line)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    return None
