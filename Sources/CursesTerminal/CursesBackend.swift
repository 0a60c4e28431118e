import CNcurses
import PlannerUI

/// Placeholder replaced below.
public enum CursesBackendPlaceholder {}
