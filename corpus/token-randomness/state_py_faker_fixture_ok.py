idgate-fixture-path: tests/factories.py
import random
import string

import factory

from accounts.models import ApiKey


class ApiKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiKey

    key = factory.LazyFunction(lambda: "".join(random.choices(string.ascii_letters, k=40)))
