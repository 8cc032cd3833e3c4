from django.conf import settings
from django.db import models


class OAuthAccount(models.Model):
    """A linked account at an OAuth provider; tokens themselves stay in the session."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='oauth_accounts')
    provider = models.CharField(max_length=30)
    uid = models.CharField(max_length=255)

    class Meta:
        unique_together = [('provider', 'uid')]
