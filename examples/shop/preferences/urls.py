from django.urls import path

from . import views

app_name = 'preferences'

urlpatterns = [
    path('', views.preferences, name='edit'),
    path('theme/', views.toggle_theme, name='toggle_theme'),
    path('reset/', views.reset, name='reset'),
    path('density/', views.set_density, name='density'),
]
