// Template site script.
