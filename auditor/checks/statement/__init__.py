"""The accessibility statement PSBAR 2018 require, checked as GDS monitoring does; one per file."""
