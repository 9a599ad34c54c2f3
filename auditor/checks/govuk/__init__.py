"""GOV.UK Frontend, LocalGov Drupal and NHS.UK Frontend patterns (LGDSS point 11), one per file."""
