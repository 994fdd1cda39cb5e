import hashlib


class Account:
    def change_credentials(self, raw: str) -> None:
        # expect: credential-storage
        self.password_hash = hashlib.md5(raw.encode()).hexdigest()
