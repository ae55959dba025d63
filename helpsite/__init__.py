"""Plain functions behind the site's MkDocs hooks and scripts: contacts, directives, HTML post-processing."""
