#!/bin/sh
# Installs the Debian packages the tests drive for real (Chromium, nginx, poppler), when missing.
# As root it installs them; otherwise it says in one line what to install and stops.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
# The binary only (no service that starts itself): tests run it in the foreground.
[ -x /usr/sbin/apache2 ] || missing="$missing apache2-bin"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
# Arabic posters and screenshots need a font with Arabic glyphs.
(fc-list :lang=ar 2>/dev/null | grep -q .) || missing="$missing fonts-noto-core fontconfig"
# Poster PDFs (WeasyPrint) lay out text with Pango and set it in the fonts posters/poster.css
# names per script: DejaVu Sans (Latin, Cyrillic), Noto Naskh Arabic (Arabic, Persian) and Noto
# Sans Ethiopic (Ge'ez: Tigrinya).
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
(fc-list 'DejaVu Sans' 2>/dev/null | grep -q .) || missing="$missing fonts-dejavu-core fontconfig"
for font in 'Noto Naskh Arabic' 'Noto Sans Ethiopic'; do
  (fc-list "$font" 2>/dev/null | grep -q .) || missing="$missing fonts-noto-core fontconfig"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages; install them with: sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "Installing Debian packages:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
