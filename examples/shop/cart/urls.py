from django.urls import path

from . import views

app_name = 'cart'

urlpatterns = [
    path('', views.cart_detail, name='detail'),
    path('summary/', views.cart_summary, name='summary'),
    path('add/<int:product_id>/', views.cart_add, name='add'),
    path('remove/<int:product_id>/', views.cart_remove, name='remove'),
    path('coupon/', views.coupon_apply, name='coupon'),
    path('product/<slug:slug>/', views.product_detail, name='product'),
]
