#!/usr/bin/env bash
# Install the Debian packages the tests need and a fresh machine may lack (root only).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
fc-list 2>/dev/null | grep -qi "dejavu" || missing+=(fonts-dejavu-core)
# The national report's tests open every generated DOCX and XLSX in LibreOffice to prove it opens.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
# The PDF tests read the report's pages and text back with pdfinfo and pdftotext.
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# WeasyPrint renders the report's PDF through Pango.
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# The deployment tests check the nginx configuration and serve the app through it (deploy/nginx/);
# openssl makes their self-signed certificate. (systemd-analyze verifies the units where systemd is
# installed; the test skips where it is not.)
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
