#!/bin/sh
# Regenerates the format fixtures from src/. Tools (Debian packages): groff 1.23 (gropdf, -ms macros),
# ghostscript 10 (ps2pdf, pdfimage8), pandoc 3. Run from this folder; the outputs are committed.
set -e
groff -ms -Tpdf src/report.ms > report.pdf                       # one column; running header, "Page N" footer
groff -ms -Tpdf src/brief.ms > brief-2col.pdf                    # two columns, same header and footer
groff -ms -Tps src/brief.ms | ps2pdf - ligatures.pdf             # the same via PostScript: fi/fl ligature glyphs
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r60 -dFirstPage=1 -dLastPage=1 \
   -sOutputFile=scanned.pdf report.pdf                           # a "scan": page 1 as an image, no text layer
pandoc src/article.md -o article.docx                            # headings, paragraphs and a table
