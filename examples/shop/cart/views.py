from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import constants
from .cart import Cart
from .constants import CART_SESSION_KEY, COUPON_SESSION_KEY
from .models import Coupon, Product


@require_POST
def cart_add(request, product_id):
    product = get_object_or_404(Product, id=product_id)
    Cart(request).add(product, quantity=int(request.POST.get('quantity', 1)))
    return redirect('cart:detail')


@require_POST
def cart_remove(request, product_id):
    product = get_object_or_404(Product, id=product_id)
    Cart(request).remove(product)
    return redirect('cart:detail')


def cart_detail(request):
    cart = Cart(request)
    coupon = None
    coupon_id = request.session.get(COUPON_SESSION_KEY)
    if coupon_id is not None:
        coupon = Coupon.objects.filter(id=coupon_id, active=True).first()
    return render(request, 'cart/detail.html', {'cart': cart, 'coupon': coupon})


@require_POST
def coupon_apply(request):
    try:
        coupon = Coupon.objects.get(code__iexact=request.POST.get('code', ''), active=True)
    except Coupon.DoesNotExist:
        request.session.pop(COUPON_SESSION_KEY, None)
    else:
        request.session[COUPON_SESSION_KEY] = coupon.id
    return redirect('cart:detail')


def product_detail(request, slug):
    product = get_object_or_404(Product, slug=slug, available=True)
    viewed = request.session.setdefault(constants.RECENTLY_VIEWED_KEY, [])
    if product.id not in viewed:
        viewed.insert(0, product.id)
        del viewed[constants.RECENTLY_VIEWED_LIMIT:]
        request.session.modified = True
    return render(request, 'cart/product.html', {'product': product})


def cart_summary(request):
    """A small JSON-free summary used by the header badge."""
    items = request.session.get(CART_SESSION_KEY, {})
    has_coupon = COUPON_SESSION_KEY in request.session
    count = sum(item['quantity'] for item in items.values())
    return render(request, 'cart/summary.html', {'count': count, 'has_coupon': has_coupon})
