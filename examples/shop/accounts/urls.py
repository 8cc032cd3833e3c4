from django.urls import path

from . import oauth, views

app_name = 'accounts'

urlpatterns = [
    path('login/', views.login_view, name='login'),
    path('logout/', views.logout_view, name='logout'),
    path('profile/', views.profile, name='profile'),
    path('next/', views.remember_next, name='remember_next'),
    path('oauth/<str:provider>/start/', oauth.oauth_start, name='oauth_start'),
    path('oauth/<str:provider>/callback/', oauth.oauth_callback, name='oauth_callback'),
    path('oauth/<str:provider>/disconnect/', oauth.oauth_disconnect, name='oauth_disconnect'),
]
