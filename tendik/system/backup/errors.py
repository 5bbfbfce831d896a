"""A backup or restore refused or failed: one clear line, kept as a msgid and its parameters so the
backup's Job row shows it in its reader's language."""

import errno

from django.utils.translation import gettext, gettext_noop

from tendik.core.errors import DomainError

WRITE_FAILED = gettext_noop("Не удалось записать резервную копию %(path)s: %(reason)s.")
REASONS = {
    errno.ENOSPC: gettext_noop("нет места на диске"),
    errno.EDQUOT: gettext_noop("превышена квота диска"),
    errno.EACCES: gettext_noop("нет прав на запись"),
    errno.EPERM: gettext_noop("нет прав на запись"),
    errno.EROFS: gettext_noop("файловая система только для чтения"),
    errno.ENOENT: gettext_noop("папка не существует"),
    errno.ENOTDIR: gettext_noop("папка не существует"),
}


class BackupError(DomainError):
    def __init__(self, msgid: str, **params):
        self.msgid, self.params = msgid, params
        super().__init__(gettext(msgid) % params, code="backup")


def write_failed(path, error: OSError) -> BackupError:
    reason = REASONS.get(error.errno)
    return BackupError(WRITE_FAILED, path=str(path),
                       reason=gettext(reason) if reason else error.strerror or type(error).__name__)
