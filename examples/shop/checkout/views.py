from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .forms import PaymentForm, ReviewForm, ShippingForm
from .models import Order
from .progress import forget_checkout

STEPS = ['shipping', 'payment', 'review']
FORMS = {'shipping': ShippingForm, 'payment': PaymentForm, 'review': ReviewForm}


def checkout_step(request, step):
    if step not in FORMS:
        raise Http404(step)
    index = STEPS.index(step)
    if index > request.session.get('checkout_step', 0):
        return redirect('checkout:step', step=STEPS[request.session.get('checkout_step', 0)])
    form = FORMS[step](request.POST or None, initial=request.session.get(f"checkout_{step}_data"))
    if request.method == 'POST' and form.is_valid():
        request.session[f"checkout_{step}_data"] = form.cleaned_data
        # Changed in place, but saved: the assignments around it mark the session modified.
        checkout_data = request.session.setdefault('checkout_data', {})
        checkout_data[step] = form.cleaned_data
        request.session['checkout_step'] = max(index + 1, request.session.get('checkout_step', 0))
        if index + 1 < len(STEPS):
            return redirect('checkout:step', step=STEPS[index + 1])
        return redirect('checkout:place_order')
    return render(request, 'checkout/step.html', {'form': form, 'step': step, 'steps': STEPS})


@require_POST
def add_gift_note(request):
    data = request.session.get('checkout_data')
    if data is not None:
        # BUG (intentional, for diagnostics): the stored dict is changed in place and nothing marks
        # the session modified, so Django never saves the note.
        data['gift_note'] = request.POST.get('note', '')
    return redirect('checkout:step', step='review')


def place_order(request):
    shipping = request.session.get('checkout_shipping_data')
    if not shipping or request.session.get('checkout_step', 0) < len(STEPS):
        return redirect('checkout:step', step='shipping')
    user = request.user if request.user.is_authenticated else None
    order = Order.objects.create(user=user, email=shipping['email'], address=shipping['address'])
    forget_checkout(request.session, STEPS)
    request.session['last_order_id'] = order.id
    return redirect('checkout:done')


def done(request):
    return render(request, 'checkout/done.html', {'order_id': request.session.get('last_order_id')})
