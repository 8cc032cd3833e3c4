from django.test import TestCase
from django.urls import reverse


class PreferencesTests(TestCase):
    def test_toggle_theme_flips_dark_and_light(self):
        session = self.client.session
        session['theme'] = 'dark'
        session.save()
        self.client.post(reverse('preferences:toggle_theme'))
        self.assertEqual(self.client.session['theme'], 'light')

    def test_reset_forgets_the_language(self):
        session = self.client.session
        session.update({'language': 'fr', 'theme': 'dark'})
        session.save()
        self.client.post(reverse('preferences:reset'))
        self.assertNotIn('language', self.client.session)
        self.assertNotIn('theme', self.client.session)

    def test_density_is_remembered(self):
        self.client.post(reverse('preferences:density'), {'density': 'compact'})
        self.assertEqual(self.client.session['density'], 'compact')
