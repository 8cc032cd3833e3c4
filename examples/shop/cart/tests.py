from django.test import TestCase
from django.urls import reverse

from .constants import CART_SESSION_KEY
from .models import Product


class CartSessionTests(TestCase):
    def setUp(self):
        self.product = Product.objects.create(name='Tea', slug='tea', price='4.50')

    def test_add_stores_the_product_in_the_session(self):
        self.client.post(reverse('cart:add', args=[self.product.id]), {'quantity': 2})
        cart = self.client.session[CART_SESSION_KEY]
        self.assertEqual(cart[str(self.product.id)], {'quantity': 2, 'price': '4.50'})

    def test_summary_counts_items_already_in_the_session(self):
        session = self.client.session
        session[CART_SESSION_KEY] = {str(self.product.id): {'quantity': 3, 'price': '4.50'}}
        session.save()
        response = self.client.get(reverse('cart:summary'))
        self.assertEqual(response.context['count'], 3)
