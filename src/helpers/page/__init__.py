"""What a notebook calls to publish: pasted values, the chapters' prose, chart output."""
