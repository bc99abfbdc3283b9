"""Render a DOCX as Markdown text: paragraphs in order, tables as `|` rows, cell paragraphs joined
by <br>. Used once to make the text renderings in this folder (the text of each paragraph comes from
trichxuat.ingest.docx); kept so they can be made again:  python render_docx.py IN.docx > OUT.md"""

import re
import sys
import zipfile
from xml.etree import ElementTree as ET

from trichxuat.ingest.docx import runs_text as paragraph_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(path: str) -> str:
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    body = root.find(W + "body")
    lines = []
    for child in body:
        if child.tag == W + "p":
            lines.append(paragraph_text(child).strip())
            lines.append("")
        elif child.tag == W + "tbl":
            for i, row in enumerate(child.findall(W + "tr")):
                cells = []
                for cell in row.findall(W + "tc"):
                    paras = [paragraph_text(p).strip() for p in cell.findall(W + "p")]
                    cells.append("<br>".join(p for p in paras if p).replace("|", "/"))
                lines.append("| " + " | ".join(cells) + " |")
                if i == 0:
                    lines.append("|" + "---|" * len(cells))
            lines.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render(sys.argv[1]))
