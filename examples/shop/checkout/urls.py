from django.urls import path

from . import views

app_name = 'checkout'

urlpatterns = [
    path('place-order/', views.place_order, name='place_order'),
    path('done/', views.done, name='done'),
    path('gift-note/', views.add_gift_note, name='gift_note'),
    path('<str:step>/', views.checkout_step, name='step'),
]
