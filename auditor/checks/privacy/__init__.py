"""Privacy and security (LGDSS point 6): HTTPS, headers, cookies and trackers before consent;
one check per file."""
