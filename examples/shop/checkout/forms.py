from django import forms


class ShippingForm(forms.Form):
    email = forms.EmailField()
    address = forms.CharField(max_length=250)


class PaymentForm(forms.Form):
    card_holder = forms.CharField(max_length=100)
    method = forms.ChoiceField(choices=[('card', 'Card'), ('invoice', 'Invoice')])


class ReviewForm(forms.Form):
    accept_terms = forms.BooleanField()
