// The helpers all test targets share (Tests/TestSupport), visible in every file here.
@_exported import TestSupport
