import hashlib


class Profile:
    def refresh_avatar(self) -> None:
        # ok: credential-storage
        self.avatar_hash = hashlib.md5(self.email.strip().lower().encode()).hexdigest()
