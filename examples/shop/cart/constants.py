"""Session keys of the cart app, in one place so every view agrees on them."""

CART_SESSION_KEY = 'cart'
COUPON_SESSION_KEY = 'coupon_id'
RECENTLY_VIEWED_KEY = 'recently_viewed'
RECENTLY_VIEWED_LIMIT = 5
