#!/bin/bash
# deb post-install for Frontdesk (electron-builder deb.afterInstall). Replacing electron-builder's
# default script means doing its work here too: the command link, chrome-sandbox, the desktop
# database, the AppArmor profile. Then the headless engine's systemd unit (docs/headless.md).
# electron-builder fills in the two macros below; every other shell variable is written $NAME, without braces.
APP_DIR='/opt/${sanitizedProductName}'
EXE='${executable}'

if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --install "/usr/bin/$EXE" "$EXE" "$APP_DIR/$EXE" 100 || ln -sf "$APP_DIR/$EXE" "/usr/bin/$EXE"
else
  ln -sf "$APP_DIR/$EXE" "/usr/bin/$EXE"
fi

# Chromium's sandbox: user namespaces where the kernel allows them, else the setuid helper.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$APP_DIR/chrome-sandbox" || true
else
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi

if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi

# Ubuntu 24+ restricts unprivileged user namespaces unless the app has an AppArmor profile.
if apparmor_status --enabled >/dev/null 2>&1 && [ -f "$APP_DIR/resources/apparmor-profile" ]; then
  if apparmor_parser --skip-kernel-load --debug "$APP_DIR/resources/apparmor-profile" >/dev/null 2>&1; then
    cp -f "$APP_DIR/resources/apparmor-profile" "/etc/apparmor.d/$EXE"
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "/etc/apparmor.d/$EXE" || true
    fi
  fi
fi

# The headless engine's unit: installed, never enabled here (a desk PC runs the app instead).
if [ -d /lib/systemd/system ] && [ -f "$APP_DIR/resources/frontdesk-engine.service" ]; then
  install -m 0644 "$APP_DIR/resources/frontdesk-engine.service" /lib/systemd/system/frontdesk-engine.service
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || true
    # An upgrade restarts an engine that was running, so it runs the new code.
    systemctl try-restart frontdesk-engine.service || true
  fi
fi
exit 0
