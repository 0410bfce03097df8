"""A small builder of DOCX packages for tests: raw WordprocessingML with full control over numbering."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# -- inline and block snippets ---------------------------------------------------------------------------
def run(text: str) -> str:
    """A w:r with one w:t (spaces preserved)."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def bold(text: str, *, on: bool = True) -> str:
    """A run with direct bold formatting (w:b; w:b w:val="0" turns it off)."""
    props = "<w:b/>" if on else '<w:b w:val="0"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def styled_run(text: str, char_style: str) -> str:
    """A run formatted by a character style."""
    return f'<w:r><w:rPr><w:rStyle w:val="{char_style}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, style: str | None = None, num: int | None = None, ilvl: int | None = None,
      mark_deleted: bool = False) -> str:
    """A paragraph; plain strings become runs, strings starting with '<' are inserted as XML."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None or ilvl is not None:
        ppr += "<w:numPr>"
        ppr += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numId w:val="{num}"/>' if num is not None else ""
        ppr += "</w:numPr>"
    if mark_deleted:
        ppr += '<w:rPr><w:del w:id="900" w:author="t" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    body = "".join(c if c.startswith("<") else run(c) for c in content)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def ins(text: str, change_id: int = 1) -> str:
    """A tracked insertion."""
    return f'<w:ins w:id="{change_id}" w:author="t" w:date="2026-01-01T00:00:00Z">{run(text)}</w:ins>'


def deleted(text: str, change_id: int = 2) -> str:
    """A tracked deletion."""
    return (f'<w:del w:id="{change_id}" w:author="t" w:date="2026-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def cell(*paragraphs: str, span: int = 1, vmerge: str | None = None) -> str:
    """A table cell holding paragraphs (or nested tables)."""
    tcpr = ""
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        tcpr += '<w:vMerge/>' if vmerge == "continue" else f'<w:vMerge w:val="{vmerge}"/>'
    content = "".join(x if x.startswith("<") else p(x) for x in paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{content}</w:tc>"


def table(*rows: list[str]) -> str:
    """A table of rows, each a list of cell() strings (plain strings become one-paragraph cells)."""
    xml_rows = "".join("<w:tr>" + "".join(c if c.startswith("<w:tc") else cell(c) for c in row) + "</w:tr>"
                       for row in rows)
    return f"<w:tbl><w:tblPr/>{xml_rows}</w:tbl>"


# -- numbering and styles -------------------------------------------------------------------------------
def level(ilvl: int, text: str, fmt: str = "decimal", start: int = 1, *, suffix: str | None = None,
          p_style: str | None = None, restart: int | None = None, legal: bool = False) -> str:
    """A w:lvl element."""
    extra = f'<w:pStyle w:val="{p_style}"/>' if p_style else ""
    extra += f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += "<w:isLgl/>" if legal else ""
    extra += f'<w:suff w:val="{suffix}"/>' if suffix else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/></w:lvl>')


def abstract_num(abstract_id: int, *levels: str) -> str:
    """A w:abstractNum holding levels."""
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    """A w:num instance, optionally with startOverride per level."""
    overrides = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                        for k, v in (start_overrides or {}).items())
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def numbering(*items: str) -> str:
    """numbering.xml from abstractNum and num snippets (abstractNums must come first)."""
    return f"{HEADER}<w:numbering {NS}>{''.join(items)}</w:numbering>"


def style(style_id: str, name: str, *, based_on: str | None = None, num_id: int | None = None,
          ilvl: int | None = None, kind: str = "paragraph", default: bool = False, bold: bool = False) -> str:
    """A w:style, optionally with style-linked numbering and bold run properties."""
    num_pr = ""
    if num_id is not None or ilvl is not None:
        num_pr = "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
        num_pr += (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "") + "</w:numPr>"
    default_attr = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    ppr = f"<w:pPr>{num_pr}</w:pPr>" if num_pr else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (f'<w:style w:type="{kind}" w:styleId="{style_id}"{default_attr}>'
            f'<w:name w:val="{name}"/>{based}{ppr}{rpr}</w:style>')


def styles(*items: str) -> str:
    """styles.xml with a default Normal style plus the given styles."""
    normal = style("Normal", "Normal", default=True)
    return f"{HEADER}<w:styles {NS}>{normal}{''.join(items)}</w:styles>"


# -- the package ----------------------------------------------------------------------------------------
def _story(root: str, paragraphs: list[str]) -> str:
    return f"{HEADER}<w:{root} {NS}>{''.join(x if x.startswith('<') else p(x) for x in paragraphs)}</w:{root}>"


def _notes(kind: str, notes: list[str]) -> str:
    separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                  f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p/></w:{kind}>')
    items = "".join(f'<w:{kind} w:id="{i}">{p(text)}</w:{kind}>' for i, text in enumerate(notes, 1))
    return f"{HEADER}<w:{kind}s {NS}>{separators}{items}</w:{kind}s>"


def build_docx(body: list[str] | str, *, numbering_xml: str | None = None, styles_xml: str | None = None,
               headers: list[list[str]] = (), footers: list[list[str]] = (), footnotes: list[str] = (),
               comments: list[str] = (), extra_parts: dict[str, bytes] | None = None,
               main_part: str = "word/document.xml") -> bytes:
    """A complete DOCX package as bytes."""
    body_xml = body if isinstance(body, str) else "".join(x if x.startswith("<") else p(x) for x in body)
    parts: dict[str, str | bytes] = {}
    rels: list[tuple[str, str]] = []
    overrides = [(main_part, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")]
    folder = main_part.rsplit("/", 1)[0]

    def add(name: str, xml: str, rel: str) -> None:
        parts[f"{folder}/{name}"] = xml
        rels.append((rel, name))
        overrides.append((f"{folder}/{name}", "application/xml"))

    if numbering_xml:
        add("numbering.xml", numbering_xml, "numbering")
    if styles_xml:
        add("styles.xml", styles_xml, "styles")
    for i, paragraphs in enumerate(headers, 1):
        add(f"header{i}.xml", _story("hdr", paragraphs), "header")
    for i, paragraphs in enumerate(footers, 1):
        add(f"footer{i}.xml", _story("ftr", paragraphs), "footer")
    if footnotes:
        add("footnotes.xml", _notes("footnote", list(footnotes)), "footnotes")
    if comments:
        items = "".join(f'<w:comment w:id="{i}" w:author="t">{p(c)}</w:comment>' for i, c in enumerate(comments))
        add("comments.xml", f"{HEADER}<w:comments {NS}>{items}</w:comments>", "comments")

    parts[main_part] = f"{HEADER}<w:document {NS}><w:body>{body_xml}</w:body></w:document>"
    rel_xml = "".join(f'<Relationship Id="rId{i}" Type="{REL}{kind}" Target="{target}"/>'
                      for i, (kind, target) in enumerate(rels, 1))
    base = main_part.rsplit("/", 1)[1]
    parts[f"{folder}/_rels/{base}.rels"] = (
        f'{HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rel_xml}</Relationships>")
    parts["_rels/.rels"] = (
        f'{HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="{main_part}"/></Relationships>')
    ct = "".join(f'<Override PartName="/{name}" ContentType="{ctype}"/>' for name, ctype in overrides)
    parts["[Content_Types].xml"] = (
        f'{HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{ct}</Types>')
    parts.update(extra_parts or {})
    return zip_parts(parts)


def zip_parts(parts: dict[str, str | bytes]) -> bytes:
    """Zip a mapping of part name -> content (deflated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()
