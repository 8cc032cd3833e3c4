// Vocabulary for generated names: an e-commerce / SaaS-flavoured Django project.

export const NOUNS = [
  'product', 'order', 'customer', 'invoice', 'payment', 'shipment', 'coupon', 'review', 'category',
  'supplier', 'warehouse', 'refund', 'subscription', 'plan', 'ticket', 'comment', 'article', 'author',
  'profile', 'address', 'booking', 'room', 'event', 'venue', 'course', 'lesson', 'student', 'report',
  'project', 'task', 'team', 'member', 'document', 'folder', 'tag', 'notification', 'message', 'thread',
] as const;

export const VERBS = [
  'list', 'detail', 'create', 'update', 'delete', 'export', 'import', 'archive', 'approve', 'reject',
  'search', 'filter', 'assign', 'publish', 'preview', 'duplicate', 'merge', 'sync', 'refresh', 'close',
] as const;

export const FIELDS: readonly (readonly [string, string])[] = [
  ['name', 'models.CharField(max_length=200)'],
  ['title', 'models.CharField(max_length=255, blank=True)'],
  ['slug', 'models.SlugField(unique=True)'],
  ['description', 'models.TextField(blank=True)'],
  ['price', 'models.DecimalField(max_digits=10, decimal_places=2, default=0)'],
  ['quantity', 'models.PositiveIntegerField(default=1)'],
  ['is_active', 'models.BooleanField(default=True)'],
  ['created_at', 'models.DateTimeField(auto_now_add=True)'],
  ['updated_at', 'models.DateTimeField(auto_now=True)'],
  ['email', 'models.EmailField(blank=True)'],
  ['status', "models.CharField(max_length=20, choices=STATUS_CHOICES, default='draft')"],
  ['notes', 'models.TextField(blank=True, default="")'],
  ['position', 'models.IntegerField(default=0, db_index=True)'],
  ['external_id', 'models.UUIDField(default=uuid.uuid4, editable=False)'],
  ['weight', 'models.FloatField(null=True, blank=True)'],
];

/** Session keys the project uses; a handful recur across apps, as in real code. */
export const SESSION_KEYS = [
  'cart', 'cart_id', 'wishlist', 'recently_viewed', 'last_search', 'coupon_code', 'checkout_step',
  'shipping_address_id', 'currency', 'locale_hint', 'onboarding_done', 'tour_seen', 'filters',
  'compare_ids', 'billing_plan', 'team_id', 'impersonator_id', 'otp_verified', 'return_to',
  'flash_banner', 'draft_order', 'basket_token', 'ab_bucket', 'theme', 'utm_source',
] as const;

export const SENTENCES = [
  'Only the owner may see this page.',
  'Keep the query count flat: the list page is the hottest path.',
  'The form validates stock again because it may have changed since the page loaded.',
  'Staff see archived rows as well.',
  'Redirect back where the user came from when it is safe.',
  'Totals are computed in the database to avoid rounding drift.',
  'Permissions are checked per object, not per model.',
  'This runs inside the request, so it must stay cheap.',
  'Pagination keeps memory bounded for large accounts.',
  'Legacy URLs still point here; do not rename without a redirect.',
] as const;
