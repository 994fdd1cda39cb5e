from django.db import models


class ServiceAccount(models.Model):
    name = models.CharField(max_length=64, unique=True)
    # expect: credential-storage
    password = models.CharField(max_length=128)

    def check(self, candidate: str) -> bool:
        return self.password == candidate
