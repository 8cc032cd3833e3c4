from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path('', TemplateView.as_view(template_name='home.html'), name='home'),
    path('cart/', include('cart.urls')),
    path('preferences/', include('preferences.urls')),
    path('checkout/', include('checkout.urls')),
    path('accounts/', include('accounts.urls')),
]
