from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse


class OAuthTests(TestCase):
    def test_callback_rejects_a_wrong_state(self):
        session = self.client.session
        session['oauth_github_state'] = 'expected'
        session.save()
        response = self.client.get(reverse('accounts:oauth_callback', args=['github']), {'state': 'other'})
        self.assertEqual(response.status_code, 400)

    def test_callback_stores_the_tokens(self):
        self.client.get(reverse('accounts:oauth_start', args=['github']))
        state = self.client.session['oauth_github_state']
        self.client.get(reverse('accounts:oauth_callback', args=['github']), {'state': state, 'code': 'c'})
        self.assertEqual(self.client.session['oauth_github_access_token'], 'github-c')


class LoginTests(TestCase):
    def test_login_puts_the_user_id_in_the_session(self):
        user = User.objects.create_user('ann', password='pw-for-tests')
        self.client.force_login(user)
        self.assertEqual(self.client.session[SESSION_KEY], str(user.pk))
