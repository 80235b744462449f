#!/bin/bash
# deb post-remove for Frontdesk (electron-builder deb.afterRemove): undoes build/linux/after-install.sh.
# On an upgrade ($1 = upgrade) the new package's post-install puts everything back at once.
APP_DIR='/opt/${sanitizedProductName}'
EXE='${executable}'

if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove "$EXE" "$APP_DIR/$EXE" || true
else
  rm -f "/usr/bin/$EXE"
fi

if [ -f "/etc/apparmor.d/$EXE" ]; then
  if apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
    apparmor_parser --remove "/etc/apparmor.d/$EXE" || true
  fi
  rm -f "/etc/apparmor.d/$EXE"
fi

if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
  if [ -d /run/systemd/system ]; then
    systemctl disable --now frontdesk-engine.service >/dev/null 2>&1 || true
  fi
  rm -f /lib/systemd/system/frontdesk-engine.service
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
# The schedule in /var/lib/frontdesk (or /var/lib/private/frontdesk) is the clinic's data: never removed here.
exit 0
