"""The Week page: the seven days with the runs and the strength placed around
them, the planned running week and races, the calendar exported."""
