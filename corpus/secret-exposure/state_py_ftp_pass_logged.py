import ftplib
import logging

log = logging.getLogger(__name__)


def upload(host: str, ftp_user: str, ftp_pass: str, path: str) -> None:
    try:
        with ftplib.FTP(host, ftp_user, ftp_pass) as ftp:
            ftp.storbinary(f"STOR {path}", open(path, "rb"))
    except ftplib.error_perm:
        # expect: secret-exposure
        log.error("FTP login failed for %s with password %s", ftp_user, ftp_pass)
        raise
