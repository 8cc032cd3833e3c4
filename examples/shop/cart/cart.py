from decimal import Decimal

from django.conf import settings

from .models import Product


class Cart:
    """The cart kept in the session: {product_id: {'quantity': n, 'price': '9.99'}}.

    Prices are stored as strings because the JSON serializer cannot store Decimal.
    """

    SESSION_KEY = settings.CART_SESSION_ID

    def __init__(self, request):
        self.session = request.session
        cart = self.session.get(self.SESSION_KEY)
        if not cart:
            cart = self.session[self.SESSION_KEY] = {}
        self.cart = cart

    def add(self, product, quantity=1, override_quantity=False):
        product_id = str(product.id)
        if product_id not in self.cart:
            self.cart[product_id] = {'quantity': 0, 'price': str(product.price)}
        if override_quantity:
            self.cart[product_id]['quantity'] = quantity
        else:
            self.cart[product_id]['quantity'] += quantity
        self.save()

    def remove(self, product):
        product_id = str(product.id)
        if product_id in self.cart:
            del self.cart[product_id]
            self.save()

    def save(self):
        # The cart dict is changed in place: tell Django the session must be saved.
        self.session.modified = True

    def clear(self):
        del self.session[self.SESSION_KEY]
        self.save()

    def __iter__(self):
        products = Product.objects.filter(id__in=self.cart.keys())
        cart = {key: dict(item) for key, item in self.cart.items()}
        for product in products:
            cart[str(product.id)]['product'] = product
        for item in cart.values():
            item['price'] = Decimal(item['price'])
            item['total_price'] = item['price'] * item['quantity']
            yield item

    def __len__(self):
        return sum(item['quantity'] for item in self.cart.values())

    def get_total_price(self):
        return sum(Decimal(item['price']) * item['quantity'] for item in self.cart.values())
