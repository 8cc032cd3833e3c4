"""Where a visitor is in the checkout: each step's form data and the furthest step reached.

The views hand their store in, so these helpers never see the request.
"""


def forget_checkout(store, steps):
    """Drops what the checkout kept, once the order is placed."""
    for step in steps:
        store.pop(f"checkout_{step}_data", None)
    del store['checkout_step']
    store.pop('checkout_data', None)
